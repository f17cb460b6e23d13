"""Working days: weekends, the public holidays of the Labour Code, the Government's breaks and the
Saturdays worked in exchange (ngày làm việc, ngày nghỉ lễ, ngày làm bù)."""
