"""The agency score of the CCHC index: «thực hiện nhiệm vụ UBND tỉnh giao», from the share of the
assigned tasks completed on time, in bands the province sets."""
