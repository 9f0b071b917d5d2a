"""The demo municipality; its districts and subdistricts come from `geothai`."""

from __future__ import annotations

PROVINCE_CODE = "51"  # ลำพูน
MUNICIPALITY_SLUG = "lamphun"
MUNICIPALITY_NAME_TH = "เทศบาลเมืองลำพูน"
MUNICIPALITY_NAME_EN = "Lamphun Town Municipality"
