"""Names and words for the synthetic data set: the 63 provinces, their agencies, document kinds and
the wording of tasks. Plain data; `tracker.seed.synthetic` draws from it with a seeded generator."""

from __future__ import annotations

# The 63 provinces and centrally governed cities (before the 2025 merger), with the word that
# precedes the name ("Tỉnh" / "Thành phố").
PROVINCES = [
    ("Tỉnh", "An Giang"),
    ("Tỉnh", "Bà Rịa - Vũng Tàu"),
    ("Tỉnh", "Bắc Giang"),
    ("Tỉnh", "Bắc Kạn"),
    ("Tỉnh", "Bạc Liêu"),
    ("Tỉnh", "Bắc Ninh"),
    ("Tỉnh", "Bến Tre"),
    ("Tỉnh", "Bình Định"),
    ("Tỉnh", "Bình Dương"),
    ("Tỉnh", "Bình Phước"),
    ("Tỉnh", "Bình Thuận"),
    ("Tỉnh", "Cà Mau"),
    ("Thành phố", "Cần Thơ"),
    ("Tỉnh", "Cao Bằng"),
    ("Thành phố", "Đà Nẵng"),
    ("Tỉnh", "Đắk Lắk"),
    ("Tỉnh", "Đắk Nông"),
    ("Tỉnh", "Điện Biên"),
    ("Tỉnh", "Đồng Nai"),
    ("Tỉnh", "Đồng Tháp"),
    ("Tỉnh", "Gia Lai"),
    ("Tỉnh", "Hà Giang"),
    ("Tỉnh", "Hà Nam"),
    ("Thành phố", "Hà Nội"),
    ("Tỉnh", "Hà Tĩnh"),
    ("Tỉnh", "Hải Dương"),
    ("Thành phố", "Hải Phòng"),
    ("Tỉnh", "Hậu Giang"),
    ("Tỉnh", "Hòa Bình"),
    ("Tỉnh", "Hưng Yên"),
    ("Tỉnh", "Khánh Hòa"),
    ("Tỉnh", "Kiên Giang"),
    ("Tỉnh", "Kon Tum"),
    ("Tỉnh", "Lai Châu"),
    ("Tỉnh", "Lâm Đồng"),
    ("Tỉnh", "Lạng Sơn"),
    ("Tỉnh", "Lào Cai"),
    ("Tỉnh", "Long An"),
    ("Tỉnh", "Nam Định"),
    ("Tỉnh", "Nghệ An"),
    ("Tỉnh", "Ninh Bình"),
    ("Tỉnh", "Ninh Thuận"),
    ("Tỉnh", "Phú Thọ"),
    ("Tỉnh", "Phú Yên"),
    ("Tỉnh", "Quảng Bình"),
    ("Tỉnh", "Quảng Nam"),
    ("Tỉnh", "Quảng Ngãi"),
    ("Tỉnh", "Quảng Ninh"),
    ("Tỉnh", "Quảng Trị"),
    ("Tỉnh", "Sóc Trăng"),
    ("Tỉnh", "Sơn La"),
    ("Tỉnh", "Tây Ninh"),
    ("Tỉnh", "Thái Bình"),
    ("Tỉnh", "Thái Nguyên"),
    ("Tỉnh", "Thanh Hóa"),
    ("Tỉnh", "Thừa Thiên Huế"),
    ("Tỉnh", "Tiền Giang"),
    ("Thành phố", "Hồ Chí Minh"),
    ("Tỉnh", "Trà Vinh"),
    ("Tỉnh", "Tuyên Quang"),
    ("Tỉnh", "Vĩnh Long"),
    ("Tỉnh", "Vĩnh Phúc"),
    ("Tỉnh", "Yên Bái"),
]

# (code suffix, name, weight as a lead): the weight makes the standing agencies lead more often.
DEPARTMENTS = [
    ("VPUBND", "Văn phòng Ủy ban nhân dân", 6),
    ("SNV", "Sở Nội vụ", 8),
    ("STC", "Sở Tài chính", 5),
    ("STP", "Sở Tư pháp", 5),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", 4),
    ("SKHCN", "Sở Khoa học và Công nghệ", 3),
    ("STTTT", "Sở Thông tin và Truyền thông", 4),
    ("SXD", "Sở Xây dựng", 3),
    ("SGTVT", "Sở Giao thông vận tải", 3),
    ("STNMT", "Sở Tài nguyên và Môi trường", 4),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", 3),
    ("SCT", "Sở Công Thương", 3),
    ("SYT", "Sở Y tế", 3),
    ("SGDDT", "Sở Giáo dục và Đào tạo", 3),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", 3),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", 2),
    ("SNGV", "Sở Ngoại vụ", 1),
    ("TTT", "Thanh tra tỉnh", 2),
    ("BDT", "Ban Dân tộc", 1),
    ("BQLKKT", "Ban Quản lý các khu công nghiệp", 1),
]
CENTRAL = [
    ("CT", "Cục Thuế"),
    ("KBNN", "Kho bạc Nhà nước"),
    ("BHXH", "Bảo hiểm xã hội"),
    ("CA", "Công an"),
    ("NHNN", "Ngân hàng Nhà nước chi nhánh"),
]
ORGANISATIONS = [
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("TDTN", "Tỉnh Đoàn"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
]
PUBLIC_UNITS = [
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công"),
    ("DPTTH", "Đài Phát thanh và Truyền hình"),
    ("TCCT", "Trường Cao đẳng"),
]

DISTRICT_WORDS = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Hòa",
    "Bình",
    "Phú",
    "Tân",
    "Long",
    "An",
    "Vĩnh",
    "Thạnh",
    "Cẩm",
    "Hương",
    "Kim",
    "Mỹ",
    "Quế",
    "Sơn",
    "Thủy",
    "Yên",
    "Lạc",
    "Thuận",
    "Hải",
]
DISTRICT_KINDS = [("huyện", 8), ("thị xã", 1), ("thành phố", 1)]
COMMUNE_KINDS = [("xã", 8), ("phường", 2), ("thị trấn", 1)]

# Document kind -> (abbreviation in the number/symbol, issuer levels it comes from with weights,
# weight among documents, task count range, has sections).
DOCUMENT_KINDS = {
    "conclusion": ("KL", {"party": 8, "government": 2}, 6, (2, 15), False),
    "conclusion_notice": ("TB", {"committee": 6, "government": 3, "party": 1}, 14, (1, 12), False),
    "official_letter": ("UBND", {"committee": 7, "ministry": 3}, 40, (1, 6), False),
    "action_programme": ("CTr", {"committee": 7, "party": 3}, 5, (12, 60), True),
    "plan": ("KH", {"committee": 9, "other": 1}, 18, (10, 70), True),
    "decision": ("QĐ", {"committee": 8, "government": 2}, 8, (1, 20), False),
    "directive": ("CT", {"committee": 6, "government": 4}, 4, (3, 25), False),
    "resolution": ("NQ", {"council": 6, "government": 4}, 5, (3, 30), True),
}
ISSUERS = {
    "government": ("CP", "Chính phủ"),
    "ministry": ("BNV", "Bộ Nội vụ"),
    "party": ("TU", "Tỉnh ủy"),
    "council": ("HĐND", "Hội đồng nhân dân"),
    "committee": ("UBND", "Ủy ban nhân dân"),
    "other": ("BCĐ", "Ban Chỉ đạo"),
}

TOPICS = [
    "cải cách hành chính",
    "cải cách thủ tục hành chính",
    "chuyển đổi số",
    "chính quyền số",
    "dịch vụ công trực tuyến",
    "cơ chế một cửa, một cửa liên thông",
    "kiểm soát thủ tục hành chính",
    "sắp xếp tổ chức bộ máy",
    "tinh giản biên chế",
    "vị trí việc làm",
    "đánh giá cán bộ, công chức",
    "kỷ luật, kỷ cương hành chính",
    "tự chủ tài chính đơn vị sự nghiệp",
    "quản lý tài chính công",
    "xây dựng văn bản quy phạm pháp luật",
    "rà soát văn bản quy phạm pháp luật",
    "phổ biến, giáo dục pháp luật",
    "cơ sở dữ liệu dân cư",
    "Đề án 06",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "chỉ số PAR INDEX",
    "chỉ số SIPAS",
    "chỉ số PCI",
    "thanh toán trực tuyến",
    "lưu trữ điện tử",
    "hệ thống quản lý văn bản và điều hành",
    "chữ ký số",
    "an toàn thông tin mạng",
]
VERBS = [
    "Xây dựng kế hoạch triển khai",
    "Tổ chức thực hiện",
    "Rà soát, đánh giá",
    "Tham mưu ban hành quy định về",
    "Báo cáo kết quả thực hiện",
    "Kiểm tra việc thực hiện",
    "Tuyên truyền, phổ biến về",
    "Triển khai giải pháp nâng cao",
    "Tổng kết, đánh giá",
    "Hoàn thiện quy chế về",
    "Đẩy mạnh",
    "Khắc phục tồn tại, hạn chế về",
]
OUTPUTS = [
    "Báo cáo UBND tỉnh",
    "Kế hoạch",
    "Quyết định ban hành Quy chế",
    "Đề án trình Tỉnh ủy",
    "Tờ trình",
    "Công văn hướng dẫn",
    "Báo cáo kết quả",
    "Quyết định phê duyệt",
    "",
]
AREA_WEIGHTS = {
    "chi_dao_dieu_hanh": 14,
    "the_che": 12,
    "tthc": 22,
    "to_chuc_bo_may": 12,
    "cong_vu": 10,
    "tai_chinh_cong": 8,
    "chinh_quyen_so": 16,
    "other": 6,
}
PROGRESS_NOTES = [
    "Đã ban hành kế hoạch triển khai, phân công phòng chuyên môn thực hiện.",
    "Đang dự thảo văn bản, lấy ý kiến các cơ quan liên quan.",
    "Đã tổ chức họp triển khai; đang tổng hợp ý kiến góp ý.",
    "Hoàn thành dự thảo, đang trình lãnh đạo xem xét.",
    "Đã gửi thẩm định; đang tiếp thu, giải trình ý kiến.",
    "Đang triển khai thực hiện theo kế hoạch.",
]
CONTRIBUTIONS = [
    "Thống nhất với dự thảo; đề nghị bổ sung số liệu của đơn vị.",
    "Đã gửi văn bản góp ý theo đề nghị của cơ quan chủ trì.",
    "Phối hợp cung cấp thông tin, số liệu liên quan.",
]
RETURN_REASONS = [
    "Kết quả chưa đủ hồ sơ chứng minh; đề nghị bổ sung văn bản ban hành.",
    "Sản phẩm chưa đúng yêu cầu của nhiệm vụ; đề nghị hoàn thiện.",
]
EXTENSION_REASONS = [
    "Cần thêm thời gian lấy ý kiến các cơ quan liên quan.",
    "Chờ hướng dẫn của bộ, ngành Trung ương.",
    "Khối lượng công việc lớn, cần thêm thời gian hoàn thiện hồ sơ.",
]
CANCEL_REASONS = [
    "Nhiệm vụ không còn phù hợp sau khi sắp xếp tổ chức bộ máy.",
    "Đã được thay thế bằng nhiệm vụ tại văn bản khác.",
]
SECTION_TITLES = [
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng chính quyền điện tử, chính quyền số",
    "Công tác chỉ đạo, điều hành",
    "Tổ chức thực hiện",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
PERIOD_PHRASES = {
    "yearly": "Hằng năm",
    "half_yearly": "6 tháng một lần",
    "quarterly": "Định kỳ hằng quý",
    "monthly": "Hằng tháng",
}
