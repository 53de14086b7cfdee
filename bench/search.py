"""Marketplace search at scale: 1,000,000 listings from 50,000 suppliers, 200 mixed queries.

    .venv/bin/python bench/search.py [--listings 1000000] [--suppliers 50000] [--queries 200]

Builds a scratch database (created and dropped here) with the project's migrations, on the embedded
PostgreSQL under var/bench/ or on DATABASE_URL's server when it is set, and fills it with COPY (psycopg2
``copy_expert``, never ORM inserts): companies, supplier profiles (names, regions, supplier ratings,
verified badges), their categories and certifications, listings with zh/en names made from word lists per
category (segmented with jieba as the service does), and price tiers. The stored ``tsvector`` columns are
computed by PostgreSQL from the segmented text, exactly as the services compute them; indexes are built
after the load; then ANALYZE.

Then it runs N mixed queries (Chinese and English keywords, 0-4 filters, several sorts, some later
pages), after a warm-up pass over all of them: each through the search service
(``catalog.selectors.listing_search``, Python included: query segmentation, the queryset, its SQL, the
result cards and facets) and as raw SQL (the same statement, built from the queryset beforehand and run
on a cursor), alternating which goes first. Prints p50/p95 of both and the ratio service/raw.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

SEED = 20261126

# Word lists -----------------------------------------------------------------------------------------
# Per top-level category: product words (zh, en), modifiers (zh, en), spec patterns, attribute keys,
# price range (CNY) and units.
VOCAB: dict[str, dict] = {
    "10": {
        "products": {
            "10.01.01": [
                ("深沟球轴承", "deep groove ball bearing"),
                ("角接触球轴承", "angular contact ball bearing"),
                ("调心球轴承", "self-aligning ball bearing"),
                ("微型轴承", "miniature bearing"),
            ],
            "10.01.02": [
                ("圆锥滚子轴承", "tapered roller bearing"),
                ("圆柱滚子轴承", "cylindrical roller bearing"),
                ("调心滚子轴承", "spherical roller bearing"),
                ("滚针轴承", "needle roller bearing"),
            ],
            "10.01.03": [
                ("自润滑轴套", "self-lubricating bushing"),
                ("铜套", "bronze bushing"),
                ("滑动轴承", "plain bearing"),
            ],
            "10.01.04": [("立式轴承座", "pillow block bearing unit"), ("法兰轴承座", "flange bearing unit")],
            "10.02.01": [
                ("直齿轮", "spur gear"),
                ("斜齿轮", "helical gear"),
                ("锥齿轮", "bevel gear"),
                ("蜗轮蜗杆", "worm gear"),
            ],
            "10.02.02": [
                ("行星减速机", "planetary gearbox"),
                ("蜗轮减速机", "worm gear reducer"),
                ("摆线针轮减速机", "cycloidal reducer"),
            ],
            "10.02.03": [("滚子链", "roller chain"), ("链轮", "sprocket"), ("输送链", "conveyor chain")],
            "10.02.04": [("同步带", "timing belt"), ("三角带", "V-belt"), ("皮带轮", "pulley")],
            "10.02.05": [
                ("弹性联轴器", "flexible coupling"),
                ("膜片联轴器", "disc coupling"),
                ("万向联轴器", "universal joint"),
            ],
            "10.03.01": [
                ("六角螺栓", "hex bolt"),
                ("内六角螺钉", "socket head cap screw"),
                ("自攻螺钉", "self-tapping screw"),
                ("地脚螺栓", "anchor bolt"),
            ],
            "10.03.02": [("六角螺母", "hex nut"), ("法兰螺母", "flange nut"), ("防松螺母", "lock nut")],
            "10.03.03": [("平垫圈", "flat washer"), ("弹簧垫圈", "spring washer")],
            "10.03.04": [("抽芯铆钉", "blind rivet"), ("实心铆钉", "solid rivet")],
            "10.04.01": [("液压油缸", "hydraulic cylinder"), ("双作用油缸", "double-acting cylinder")],
            "10.04.02": [("齿轮泵", "gear pump"), ("柱塞泵", "piston pump"), ("叶片泵", "vane pump")],
            "10.04.03": [
                ("球阀", "ball valve"),
                ("闸阀", "gate valve"),
                ("蝶阀", "butterfly valve"),
                ("电磁阀", "solenoid valve"),
            ],
            "10.04.04": [("标准气缸", "standard pneumatic cylinder"), ("迷你气缸", "mini air cylinder")],
            "10.05.01": [("O型圈", "O-ring"), ("氟胶O型圈", "FKM O-ring")],
            "10.05.02": [("骨架油封", "rotary shaft oil seal"), ("TC油封", "TC oil seal")],
            "10.05.03": [("石墨垫片", "graphite gasket"), ("橡胶垫片", "rubber gasket")],
            "10.06": [
                ("压缩弹簧", "compression spring"),
                ("拉伸弹簧", "extension spring"),
                ("扭转弹簧", "torsion spring"),
            ],
        },
        "modifiers": [
            ("高精度", "high precision"),
            ("耐磨", "wear resistant"),
            ("不锈钢", "stainless steel"),
            ("重型", "heavy duty"),
            ("工业用", "industrial"),
            ("低噪音", "low noise"),
            ("耐高温", "high temperature"),
            ("进口替代", "import replacement"),
        ],
        "specs": [
            "6205-2RS",
            "6305ZZ",
            "30208",
            "NU210",
            "M12x50",
            "M8x30",
            "DN50",
            "DN100",
            "Φ25mm",
            "Φ40mm",
            "1/2 inch",
            "PN16",
            "8.8级",
            "304",
            "GCr15",
        ],
        "attributes": ["材质 material", "尺寸 size", "精度 grade", "品牌 brand"],
        "price": (0.2, 3000.0),
        "units": ["pcs", "set", "box"],
        "certs": ["ISO 9001", "IATF 16949", "ISO 14001", "CE"],
    },
    "20": {
        "products": {
            "20.01.01": [("热轧钢板", "hot rolled steel plate"), ("热轧卷板", "hot rolled coil")],
            "20.01.02": [("冷轧钢板", "cold rolled steel sheet"), ("冷轧卷", "cold rolled coil")],
            "20.01.03": [("镀锌板", "galvanized steel sheet"), ("彩涂板", "prepainted steel sheet")],
            "20.01.04": [("不锈钢板", "stainless steel plate"), ("不锈钢卷", "stainless steel coil")],
            "20.02.01": [("圆钢", "round steel bar"), ("合金圆钢", "alloy steel round bar")],
            "20.02.02": [("螺纹钢", "rebar"), ("抗震螺纹钢", "seismic rebar")],
            "20.02.03": [("高速线材", "wire rod"), ("盘条", "steel wire coil")],
            "20.03.01": [("无缝钢管", "seamless steel pipe"), ("精密无缝管", "precision seamless tube")],
            "20.03.02": [
                ("焊接钢管", "welded steel pipe"),
                ("直缝焊管", "ERW pipe"),
                ("螺旋焊管", "spiral welded pipe"),
            ],
            "20.03.03": [("不锈钢管", "stainless steel pipe"), ("不锈钢卫生管", "sanitary stainless tube")],
            "20.04.01": [("H型钢", "H-beam"), ("工字钢", "I-beam")],
            "20.04.02": [("等边角钢", "equal angle steel"), ("不等边角钢", "unequal angle steel")],
            "20.04.03": [("槽钢", "channel steel"), ("C型钢", "C-channel")],
            "20.05.01": [
                ("铝板", "aluminium sheet"),
                ("铝型材", "aluminium profile"),
                ("铝卷", "aluminium coil"),
            ],
            "20.05.02": [("紫铜板", "copper plate"), ("黄铜棒", "brass rod"), ("铜排", "copper busbar")],
            "20.05.03": [("锌锭", "zinc ingot"), ("铅板", "lead sheet")],
        },
        "modifiers": [
            ("Q235", "Q235"),
            ("Q355", "Q355"),
            ("304", "304"),
            ("316L", "316L"),
            ("国标", "GB standard"),
            ("镀锌", "galvanized"),
            ("热浸", "hot dip"),
            ("6061", "6061"),
        ],
        "specs": [
            "3mm",
            "6mm",
            "10mm",
            "20mm",
            "1250x2500",
            "1500x6000",
            "Φ89x4",
            "Φ159x6",
            "200x100",
            "50x50x5",
            "HRB400",
            "SS400",
        ],
        "attributes": ["牌号 grade", "厚度 thickness", "标准 standard", "表面 surface"],
        "price": (3000.0, 60000.0),
        "units": ["t", "kg", "m"],
        "certs": ["ISO 9001", "ISO 14001", "API 5L", "PED"],
    },
    "30": {
        "products": {
            "30.01.01": [
                ("苏打饼干", "soda crackers"),
                ("夹心饼干", "sandwich cookies"),
                ("曲奇", "butter cookies"),
            ],
            "30.01.02": [("薯片", "potato chips"), ("虾条", "prawn crackers"), ("膨化玉米", "corn puffs")],
            "30.01.03": [
                ("每日坚果", "mixed nuts"),
                ("开心果", "pistachios"),
                ("葡萄干", "raisins"),
                ("碧根果", "pecans"),
            ],
            "30.01.04": [("黑巧克力", "dark chocolate"), ("奶糖", "milk candy"), ("软糖", "gummy candy")],
            "30.02.01": [
                ("饮用天然水", "natural drinking water"),
                ("纯净水", "purified water"),
                ("矿泉水", "mineral water"),
            ],
            "30.02.02": [
                ("冰红茶", "iced black tea"),
                ("绿茶饮料", "green tea drink"),
                ("乌龙茶", "oolong tea drink"),
            ],
            "30.02.03": [("橙汁", "orange juice"), ("苹果汁", "apple juice"), ("椰子水", "coconut water")],
            "30.02.04": [("可乐", "cola"), ("苏打水", "sparkling water"), ("柠檬汽水", "lemon soda")],
            "30.03.01": [
                ("东北大米", "northeast rice"),
                ("香米", "jasmine rice"),
                ("糯米", "glutinous rice"),
            ],
            "30.03.02": [
                ("高筋面粉", "bread flour"),
                ("中筋面粉", "all purpose flour"),
                ("全麦粉", "whole wheat flour"),
            ],
            "30.03.03": [
                ("花生油", "peanut oil"),
                ("菜籽油", "rapeseed oil"),
                ("大豆油", "soybean oil"),
                ("橄榄油", "olive oil"),
            ],
            "30.04.01": [("生抽", "light soy sauce"), ("老抽", "dark soy sauce"), ("陈醋", "aged vinegar")],
            "30.04.02": [("花椒", "sichuan pepper"), ("八角", "star anise"), ("辣椒粉", "chili powder")],
            "30.05": [("纯牛奶", "whole milk"), ("酸奶", "yogurt"), ("奶粉", "milk powder")],
            "30.06": [
                ("速冻水饺", "frozen dumplings"),
                ("汤圆", "glutinous rice balls"),
                ("速冻包子", "frozen buns"),
            ],
        },
        "modifiers": [
            ("有机", "organic"),
            ("低糖", "low sugar"),
            ("非转基因", "non-GMO"),
            ("家庭装", "family pack"),
            ("散装", "bulk"),
            ("进口", "imported"),
            ("原味", "original"),
            ("无添加", "no additives"),
        ],
        "specs": ["500g", "1kg", "5kg", "250ml", "550ml", "1.5L", "24瓶/箱", "12袋/箱", "10kg/袋", "5L"],
        "attributes": ["规格 spec", "保质期 shelf life", "产地 origin", "储存 storage"],
        "price": (1.0, 500.0),
        "units": ["carton", "bag", "bottle", "kg"],
        "certs": ["HACCP", "ISO 22000", "FSSC 22000", "BRCGS"],
    },
    "40": {
        "products": {
            "40.01": [
                ("瓦楞纸箱", "corrugated carton"),
                ("彩盒", "color printed box"),
                ("礼品盒", "gift box"),
            ],
            "40.02": [("PE袋", "PE bag"), ("缠绕膜", "stretch film"), ("自封袋", "zip lock bag")],
            "40.03": [("PET瓶", "PET bottle"), ("玻璃瓶", "glass bottle"), ("塑料桶", "plastic pail")],
            "40.04": [("木托盘", "wooden pallet"), ("塑料托盘", "plastic pallet")],
            "40.05": [("不干胶标签", "adhesive label"), ("封箱胶带", "packing tape")],
        },
        "modifiers": [
            ("食品级", "food grade"),
            ("环保", "eco-friendly"),
            ("加厚", "thickened"),
            ("定制", "custom"),
            ("可降解", "biodegradable"),
        ],
        "specs": ["五层", "三层", "500ml", "1L", "1200x1000", "48mm", "A4", "30x40cm"],
        "attributes": ["材质 material", "尺寸 size", "颜色 color"],
        "price": (0.05, 200.0),
        "units": ["pcs", "roll", "carton"],
        "certs": ["ISO 9001", "FSC", "ISO 14001"],
    },
    "50": {
        "products": {
            "50.01.01": [
                ("三相异步电机", "three phase induction motor"),
                ("变频电机", "variable frequency motor"),
            ],
            "50.01.02": [("直流无刷电机", "brushless DC motor"), ("减速直流电机", "DC gear motor")],
            "50.01.03": [("伺服电机", "servo motor"), ("步进电机", "stepper motor")],
            "50.02.01": [("电力电缆", "power cable"), ("铠装电缆", "armoured cable")],
            "50.02.02": [("控制电缆", "control cable"), ("屏蔽电缆", "shielded cable")],
            "50.03.01": [
                ("小型断路器", "miniature circuit breaker"),
                ("塑壳断路器", "moulded case circuit breaker"),
            ],
            "50.03.02": [("交流接触器", "AC contactor"), ("中间继电器", "relay")],
            "50.04": [("干式变压器", "dry type transformer"), ("油浸式变压器", "oil immersed transformer")],
            "50.05.01": [
                ("LED工矿灯", "LED high bay light"),
                ("LED面板灯", "LED panel light"),
                ("LED路灯", "LED street light"),
            ],
            "50.06": [
                ("压力传感器", "pressure sensor"),
                ("温度传感器", "temperature sensor"),
                ("接近开关", "proximity switch"),
            ],
        },
        "modifiers": [
            ("防爆", "explosion proof"),
            ("高效", "high efficiency"),
            ("IP65", "IP65"),
            ("节能", "energy saving"),
            ("智能", "smart"),
        ],
        "specs": ["380V", "220V", "24V", "7.5kW", "15kW", "YJV 3x95", "RVVP 4x1.0", "63A", "100W", "4-20mA"],
        "attributes": ["电压 voltage", "功率 power", "防护等级 protection"],
        "price": (5.0, 80000.0),
        "units": ["pcs", "set", "m"],
        "certs": ["CCC", "CE", "UL", "RoHS", "ISO 9001"],
    },
    "60": {
        "products": {
            "60.01.01": [("硫酸", "sulfuric acid"), ("盐酸", "hydrochloric acid"), ("柠檬酸", "citric acid")],
            "60.01.02": [("乙醇", "ethanol"), ("丙酮", "acetone"), ("醋酸乙酯", "ethyl acetate")],
            "60.02.01": [("高密度聚乙烯", "HDPE resin"), ("低密度聚乙烯", "LDPE resin")],
            "60.02.02": [("聚丙烯颗粒", "polypropylene granules"), ("共聚聚丙烯", "copolymer PP")],
            "60.02.03": [("PVC树脂", "PVC resin"), ("PVC粒料", "PVC compound")],
            "60.03": [
                ("环氧地坪漆", "epoxy floor paint"),
                ("防锈漆", "anti-rust paint"),
                ("水性涂料", "waterborne coating"),
            ],
            "60.04": [
                ("环氧胶", "epoxy adhesive"),
                ("热熔胶", "hot melt adhesive"),
                ("结构胶", "structural adhesive"),
            ],
            "60.05": [("液压油", "hydraulic oil"), ("齿轮油", "gear oil"), ("润滑脂", "lubricating grease")],
        },
        "modifiers": [
            ("工业级", "industrial grade"),
            ("分析纯", "analytical grade"),
            ("高纯", "high purity"),
            ("食品级", "food grade"),
        ],
        "specs": ["98%", "99.5%", "25kg/袋", "200L/桶", "20L", "46#", "68#", "SG-5"],
        "attributes": ["纯度 purity", "包装 packing", "CAS"],
        "price": (2.0, 30000.0),
        "units": ["kg", "t", "drum"],
        "certs": ["ISO 9001", "ISO 14001", "REACH"],
    },
    "70": {
        "products": {
            "70.01.01": [("精梳棉纱", "combed cotton yarn"), ("气流纺棉纱", "open end cotton yarn")],
            "70.01.02": [("涤纶长丝", "polyester filament yarn"), ("涤纶短纤纱", "spun polyester yarn")],
            "70.02.01": [("牛津布", "oxford fabric"), ("帆布", "canvas fabric"), ("府绸", "poplin")],
            "70.02.02": [("汗布", "single jersey"), ("罗纹布", "rib knit fabric")],
            "70.02.03": [("熔喷布", "meltblown nonwoven"), ("纺粘无纺布", "spunbond nonwoven")],
            "70.03": [("工作服", "work uniform"), ("反光背心", "reflective vest"), ("T恤", "T-shirt")],
            "70.04": [("床单", "bed sheet"), ("毛巾", "towel"), ("窗帘", "curtain")],
        },
        "modifiers": [
            ("纯棉", "pure cotton"),
            ("阻燃", "flame retardant"),
            ("防水", "waterproof"),
            ("有机棉", "organic cotton"),
        ],
        "specs": ["32S", "40S", "150D", "600D", "180gsm", "1.5m宽", "均码"],
        "attributes": ["成分 composition", "克重 weight", "颜色 color"],
        "price": (1.0, 300.0),
        "units": ["kg", "m", "pcs"],
        "certs": ["OEKO-TEX", "GOTS", "ISO 9001"],
    },
    "80": {
        "products": {
            "80.01": [("高压胶管", "high pressure hose"), ("耐油胶管", "oil resistant hose")],
            "80.02": [("注塑件", "injection molded part"), ("尼龙齿轮", "nylon gear")],
            "80.03": [("天然橡胶板", "natural rubber sheet"), ("硅胶板", "silicone sheet")],
        },
        "modifiers": [("耐高温", "heat resistant"), ("耐磨", "abrasion resistant"), ("定制", "custom")],
        "specs": ["DN25", "DN50", "3mm", "5mm", "1m宽"],
        "attributes": ["材质 material", "硬度 hardness"],
        "price": (0.5, 2000.0),
        "units": ["m", "pcs", "kg"],
        "certs": ["ISO 9001", "RoHS"],
    },
    "90": {
        "products": {
            "90.01": [("扳手套装", "wrench set"), ("螺丝刀", "screwdriver"), ("钳子", "pliers")],
            "90.02": [("电钻", "electric drill"), ("角磨机", "angle grinder"), ("电锤", "rotary hammer")],
            "90.03": [
                ("硬质合金铣刀", "carbide end mill"),
                ("钻头", "drill bit"),
                ("车刀片", "turning insert"),
            ],
            "90.04": [("砂轮", "grinding wheel"), ("砂纸", "sandpaper"), ("切割片", "cutting disc")],
            "90.05": [("安全帽", "safety helmet"), ("劳保手套", "work gloves"), ("安全鞋", "safety shoes")],
        },
        "modifiers": [
            ("专业级", "professional"),
            ("锂电", "cordless"),
            ("合金", "alloy"),
            ("防滑", "anti-slip"),
        ],
        "specs": ["12件套", "20V", "Φ10mm", "125mm", "240目", "XL"],
        "attributes": ["规格 spec", "材质 material"],
        "price": (1.0, 3000.0),
        "units": ["pcs", "set", "box"],
        "certs": ["ISO 9001", "CE"],
    },
}
CITIES = [
    ("苏州", "Suzhou", "CN-JS"),
    ("无锡", "Wuxi", "CN-JS"),
    ("宁波", "Ningbo", "CN-ZJ"),
    ("温州", "Wenzhou", "CN-ZJ"),
    ("东莞", "Dongguan", "CN-GD"),
    ("佛山", "Foshan", "CN-GD"),
    ("青岛", "Qingdao", "CN-SD"),
    ("天津", "Tianjin", "CN-TJ"),
    ("成都", "Chengdu", "CN-SC"),
    ("武汉", "Wuhan", "CN-HB"),
    ("郑州", "Zhengzhou", "CN-HA"),
    ("石家庄", "Shijiazhuang", "CN-HE"),
    ("上海", "Shanghai", "CN-SH"),
    ("唐山", "Tangshan", "CN-HE"),
    ("厦门", "Xiamen", "CN-FJ"),
]
REGIONS = [
    "CN",
    "CN-JS",
    "CN-ZJ",
    "CN-GD",
    "CN-SD",
    "CN-SH",
    "CN-BJ",
    "CN-TJ",
    "CN-SC",
    "CN-HB",
    "CN-HA",
    "CN-HE",
    "CN-FJ",
    "DE",
    "US",
    "VN",
    "TH",
    "MY",
    "JP",
    "KR",
]
NAME_WORDS = [
    ("恒通", "Hengtong"),
    ("精工", "Precision Works"),
    ("华泰", "Huatai"),
    ("永信", "Yongxin"),
    ("瑞达", "Ruida"),
    ("金源", "Jinyuan"),
    ("宏远", "Hongyuan"),
    ("东方", "Orient"),
    ("百川", "Baichuan"),
    ("联创", "Lianchuang"),
    ("鼎盛", "Dingsheng"),
    ("新科", "Xinke"),
]
KIND_WORDS = [
    ("机械", "Machinery"),
    ("实业", "Industrial"),
    ("科技", "Technology"),
    ("贸易", "Trading"),
    ("制造", "Manufacturing"),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def csv_field(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if any(c in text for c in ',"\n\r') or text == "":
        return '"' + text.replace('"', '""') + '"'
    return text


def pg_array(values: list[str]) -> str:
    return "{" + ",".join('"' + v + '"' for v in values) + "}"


class Loader:
    """COPY rows into a table in chunks (psycopg2 ``copy_expert``)."""

    def __init__(self, cursor, table: str, columns: list[str], chunk: int = 50_000) -> None:
        self.cursor, self.table, self.columns, self.chunk = cursor, table, columns, chunk
        self.buffer = io.StringIO()
        self.pending = 0
        self.total = 0

    def add(self, *values: object) -> None:
        self.buffer.write(",".join(csv_field(v) for v in values))
        self.buffer.write("\n")
        self.pending += 1
        if self.pending >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.buffer.seek(0)
        self.cursor.copy_expert(
            f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN WITH (FORMAT csv)", self.buffer
        )
        self.total += self.pending
        self.buffer = io.StringIO()
        self.pending = 0


def seed(connection, n_listings: int, n_suppliers: int) -> dict:
    """Fill the scratch database; returns what the query generator needs."""
    from marketplace.directory.fulltext import listing_vector_sql, segment_for_index, vector_sql
    from marketplace.directory.regions import region_keys

    rng = random.Random(SEED)
    cursor = connection.cursor()
    cursor.execute("SELECT id, code, path, name_en, name_zh FROM directory_category")
    categories = {
        code: (pk, path, name_en, name_zh) for pk, code, path, name_en, name_zh in cursor.fetchall()
    }
    leaves = [code for top in VOCAB.values() for code in top["products"]]
    leaf_top = {code: code.split(".")[0] for code in leaves}

    # Companies, profiles, profile categories, certifications.
    cursor.execute("SELECT coalesce(max(id), 0) FROM tenants_company")
    base_company = cursor.fetchone()[0] + 1
    companies = Loader(
        cursor,
        "tenants_company",
        [
            "id",
            "schema_name",
            "name",
            "slug",
            "legal_name",
            "country",
            "default_currency",
            "locale",
            "time_zone",
            "status",
            "require_mfa",
            "tax_id",
            "bank_account",
            "created_at",
            "updated_at",
        ],
    )
    profiles = Loader(
        cursor,
        "directory_supplierprofile_load",
        [
            "id",
            "company_id",
            "role",
            "display_name_en",
            "display_name_zh",
            "description_en",
            "description_zh",
            "regions_served",
            "capacity_note",
            "min_order_note",
            "is_listed",
            "verified",
            "verification_note",
            "rating",
            "rating_count",
            "reputation",
            "region_keys",
            "search_names",
            "search_details",
            "created_at",
            "updated_at",
        ],
    )
    links = Loader(cursor, "directory_supplierprofile_categories", ["supplierprofile_id", "category_id"])
    certs = Loader(
        cursor,
        "directory_certification",
        [
            "supplier_id",
            "type",
            "number",
            "issuer",
            "valid_until",
            "document",
            "document_name",
            "document_content_type",
            "created_at",
            "updated_at",
        ],
    )
    cursor.execute(
        "CREATE UNLOGGED TABLE directory_supplierprofile_load (LIKE directory_supplierprofile INCLUDING DEFAULTS)"
    )
    suppliers = []
    for i in range(n_suppliers):
        company_id = base_company + i
        city_zh, city_en, region = rng.choice(CITIES)
        word_zh, word_en = rng.choice(NAME_WORDS)
        kind_zh, kind_en = rng.choice(KIND_WORDS)
        specialties = rng.sample(leaves, rng.choice((1, 1, 2, 2, 3)))
        tops = sorted({leaf_top[c] for c in specialties})
        served = sorted({region, *rng.sample(REGIONS, rng.randint(0, 3))})
        listed = rng.random() < 0.97
        verified = rng.random() < 0.2
        rating = round(rng.uniform(3.0, 5.0), 2) if rng.random() < 0.7 else None
        name_zh = f"{city_zh}{word_zh}{kind_zh}有限公司"
        name_en = f"{city_en} {word_en} {kind_en} Co., Ltd."
        cat_names = [n for c in specialties for n in (categories[c][3], categories[c][2])]
        companies.add(
            company_id,
            f"t_bench{company_id}",
            name_en,
            f"bench-{company_id}",
            name_en,
            "CN",
            "CNY",
            "zh-hans",
            "Asia/Shanghai",
            "active",
            "f",
            "",
            "",
            "2026-01-01",
            "2026-01-01",
        )
        profiles.add(
            i + 1,
            company_id,
            "supplier",
            name_en,
            name_zh,
            "",
            "",
            pg_array(served),
            "",
            "",
            "t" if listed else "f",
            "t" if verified else "f",
            "",
            rating,
            0 if rating is None else rng.randint(1, 200),
            rating,  # the supplier rating search sorts by (computed from history in the product)
            pg_array(region_keys(served)),
            segment_for_index(name_zh, name_en),
            segment_for_index(*cat_names),
            "2026-01-01",
            "2026-01-01",
        )
        for code in specialties:
            links.add(i + 1, categories[code][0])
        pool = VOCAB[tops[0]]["certs"]
        for cert_type in rng.sample(pool, min(len(pool), rng.choice((0, 1, 1, 2, 2, 3)))):
            valid = rng.random() < 0.85
            until = (
                f"{2027 + rng.randint(0, 2)}-0{rng.randint(1, 9)}-15"
                if valid
                else f"202{rng.randint(3, 5)}-0{rng.randint(1, 9)}-15"
            )
            certs.add(
                i + 1,
                cert_type,
                f"{cert_type[:3]}-{company_id}-{rng.randint(1000, 9999)}",
                "CQC",
                until,
                "",
                "",
                "",
                "2026-01-01",
                "2026-01-01",
            )
        suppliers.append((i + 1, company_id, specialties, listed, verified, rating, region_keys(served)))
    for loader in (companies, profiles, links, certs):
        loader.flush()
    cursor.execute(
        "INSERT INTO directory_supplierprofile SELECT * FROM directory_supplierprofile_load;"  # noqa: S608 - constant SQL
        " DROP TABLE directory_supplierprofile_load;"
        f" UPDATE directory_supplierprofile SET search_vector = {vector_sql('search_names', 'search_details')}"
    )
    connection.commit()

    # Indexes and constraints of the listing tables go before the load and come back after it.
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('catalog_listing', 'catalog_pricetier')"
        " AND indexname NOT LIKE '%%pkey'"
    )
    indexes = cursor.fetchall()
    constraints = []
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid), conrelid::regclass::text FROM pg_constraint"
        " WHERE conrelid IN ('catalog_listing'::regclass, 'catalog_pricetier'::regclass) AND contype IN ('u', 'f')"
    )
    constraints = cursor.fetchall()
    for name, _definition, table in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    connection.commit()
    # Listings into an unlogged staging table (no tsvector yet), then price tiers.
    cursor.execute("CREATE UNLOGGED TABLE bench_listing_load (LIKE catalog_listing INCLUDING DEFAULTS)")
    columns = [
        "id",
        "company_id",
        "supplier_id",
        "sku",
        "name_en",
        "name_zh",
        "description_en",
        "description_zh",
        "category_id",
        "category_path",
        "attributes",
        "unit",
        "currency",
        "base_price",
        "moq",
        "lead_time_days",
        "availability",
        "stock_quantity",
        "status",
        "is_public",
        "supplier_verified",
        "supplier_regions",
        "supplier_rating",
        "search_names",
        "search_details",
        "created_at",
        "updated_at",
    ]
    per_supplier = [1] * n_suppliers
    remaining = n_listings - n_suppliers
    weights = [rng.random() ** 2 + 0.05 for _ in range(n_suppliers)]
    total_weight = sum(weights)
    for i in range(n_suppliers):
        per_supplier[i] += int(remaining * weights[i] / total_weight)
    per_supplier[0] += n_listings - sum(per_supplier)
    connection.commit()
    # Two processes (2 cores) generate and COPY half of the suppliers' listings each.
    first_ids = [0]
    for count in per_supplier:
        first_ids.append(first_ids[-1] + count)
    half = n_suppliers // 2
    work = [
        (part, suppliers[lo:hi], per_supplier[lo:hi], first_ids[lo], categories, leaf_top, columns)
        for part, (lo, hi) in enumerate(((0, half), (half, n_suppliers)))
    ]
    import multiprocessing

    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for part, made in pool.imap_unordered(_generate_listings, work):
            print(
                f"  part {part}: {made:,} listings generated and copied ({time.monotonic() - started:.0f}s)",
                flush=True,
            )
    listing_id = n_listings

    # Move the listings in with their tsvector, in two connections at once (2 cores).

    from django.db import connections

    settings_dict = connections["default"].settings_dict
    import psycopg2

    def move(part: int) -> None:
        conn = psycopg2.connect(
            dbname=settings_dict["NAME"],
            user=settings_dict["USER"],
            password=settings_dict["PASSWORD"] or None,
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
        )
        with conn, conn.cursor() as cur:
            cols = ", ".join(columns)
            cur.execute(
                f"INSERT INTO catalog_listing ({cols}, search_vector) SELECT {cols}, "  # noqa: S608 - constant SQL
                f"{listing_vector_sql('bench_listing_load')} FROM bench_listing_load WHERE id %% 2 = %s",
                [part],
            )
        conn.close()

    threads = [threading.Thread(target=move, args=(p,)) for p in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cursor.execute("DROP TABLE bench_listing_load")
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('catalog_listing', 'id'), {listing_id})")
    connection.commit()

    print(f"  loaded; building {len(indexes)} indexes", flush=True)
    cursor.execute("SET maintenance_work_mem = '1GB'")
    cursor.execute("SET max_parallel_maintenance_workers = 2")
    constraint_names = {name for name, _definition, _table in constraints}
    for name, definition in indexes:
        if name not in constraint_names:
            cursor.execute(definition)
    for name, definition, table in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    connection.commit()
    connection.autocommit = True
    cursor.execute("VACUUM ANALYZE")
    connection.autocommit = False
    return {"categories": categories, "leaves": leaves}


def _generate_listings(args: tuple) -> tuple[int, int]:
    """One process's share of the listings: generated from the word lists and COPYed to the staging
    table and the price tiers, over its own connection (a forked process must not use the parent's)."""
    part, suppliers, counts, first_id, categories, leaf_top, columns = args
    from django.db import connections

    from marketplace.directory.fulltext import segment_for_index

    settings_dict = connections["default"].settings_dict
    import psycopg2

    conn = psycopg2.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"] or None,
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
    )
    cursor = conn.cursor()
    rng = random.Random(SEED * 10 + part)
    listings = Loader(cursor, "bench_listing_load", columns)
    tiers = Loader(cursor, "catalog_pricetier", ["listing_id", "min_quantity", "unit_price"], chunk=100_000)
    names_seg: dict[tuple, str] = {}
    details_seg: dict[tuple, str] = {}
    listing_id = first_id
    for (profile_id, company_id, specialties, listed, verified, rating, keys), count in zip(
        suppliers, counts, strict=True
    ):
        regions = pg_array(keys)
        for n in range(count):
            listing_id += 1
            code = rng.choice(specialties)
            top = VOCAB[leaf_top[code]]
            product_zh, product_en = rng.choice(top["products"][code])
            mod_zh, mod_en = rng.choice(top["modifiers"])
            spec = rng.choice(top["specs"])
            sku = f"S{profile_id}-{n + 1:05d}"
            name_zh = f"{mod_zh}{product_zh} {spec}"
            name_en = f"{mod_en} {product_en} {spec}"
            attr_keys = rng.sample(top["attributes"], min(2, len(top["attributes"])))
            attrs = json.dumps(
                [{"key": k, "value": rng.choice(top["specs"])} for k in attr_keys], ensure_ascii=False
            )
            # The service segments (zh name, en name, sku); segmenting the parts gives the same words.
            key = (mod_zh, product_zh, spec, mod_en, product_en)
            names = names_seg.get(key)
            if names is None:
                names = names_seg[key] = segment_for_index(name_zh, name_en)
            dkey = (code, *attr_keys)
            details = details_seg.get(dkey)
            if details is None:
                chain = [categories[c] for c in categories[code][1].split("/")]
                details = details_seg[dkey] = segment_for_index(
                    *[x for c in chain for x in (c[3], c[2])], *attr_keys
                )
            low, high = top["price"]
            price = round(low * (high / low) ** rng.random(), 2) or 0.01
            moq = rng.choice((1, 1, 5, 10, 50, 100, 500, 1000))
            active = rng.random() < 0.95
            in_stock = rng.random() < 0.6
            listings.add(
                listing_id,
                company_id,
                profile_id,
                sku,
                name_en,
                name_zh,
                "",
                "",
                categories[code][0],
                categories[code][1] + "/",
                attrs,
                rng.choice(top["units"]),
                rng.choices(("CNY", "USD", "EUR"), (85, 10, 5))[0],
                f"{price:.2f}",
                moq,
                rng.randint(0, 60),
                "in_stock" if in_stock else "made_to_order",
                rng.randint(0, 100000) if in_stock else None,
                "active" if active else "draft",
                "t" if (active and listed) else "f",
                "t" if verified else "f",
                regions,
                rating,
                f"{names} {sku.lower()}",
                details,
                f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                "2026-11-01",
            )
            tiers.add(listing_id, moq, f"{price:.2f}")
            if rng.random() < 0.6:
                tiers.add(listing_id, moq * 10, f"{price * 0.92:.4f}")
    listings.flush()
    tiers.flush()
    conn.commit()
    conn.close()
    return part, listing_id - first_id


def make_queries(n: int, world: dict, seed: int = SEED + 1) -> list:
    from marketplace.catalog.selectors import ListingSearchParams

    rng = random.Random(seed)
    keyword_pool: list[tuple[str, str]] = []  # (keyword, top category code)
    for top_code, top in VOCAB.items():
        for products in top["products"].values():
            for zh, en in products:
                keyword_pool.append((zh, top_code))
                keyword_pool.append((en, top_code))
                keyword_pool.append((en.split()[-1], top_code))  # broad English words: bearing, pipe, oil
        for zh, en in top["modifiers"]:
            keyword_pool.append((f"{zh}{rng.choice(list(top['products'].values()))[0][0]}", top_code))
            keyword_pool.append((en, top_code))
        keyword_pool.append((world["categories"][top_code][3], top_code))
    certs_by_top = {code: top["certs"] for code, top in VOCAB.items()}
    queries = []
    for _ in range(n):
        keyword, top_code = rng.choice(keyword_pool)
        params: dict = {"q": keyword}
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            kind = rng.choice(
                ("category", "region", "cert", "price", "moq", "lead", "availability", "verified")
            )
            if kind == "category":
                subtree = [
                    c for c in world["categories"] if c.split(".")[0] == top_code and c.count(".") <= 1
                ]
                params["category"] = rng.choice(subtree)
            elif kind == "region":
                params["region"] = rng.choice(REGIONS[:13])
            elif kind == "cert":
                params["certification"] = rng.choice(certs_by_top[top_code])
            elif kind == "price":
                low, high = VOCAB[top_code]["price"]
                a = low * (high / low) ** rng.uniform(0, 0.6)
                params["price_min"] = Decimal(str(round(a, 2)))
                params["price_max"] = Decimal(str(round(a * rng.uniform(2, 20), 2)))
                params["currency"] = "CNY"
            elif kind == "moq":
                params["moq_max"] = Decimal(rng.choice((10, 100, 1000)))
            elif kind == "lead":
                params["lead_time_max"] = rng.choice((7, 15, 30))
            elif kind == "availability":
                params["availability"] = "in_stock"
            else:
                params["verified_only"] = True
        params["sort"] = rng.choices(
            ("relevance", "price", "-price", "lead_time", "rating"), (60, 15, 5, 10, 10)
        )[0]
        params["page"] = rng.choices((1, 2, 3), (80, 15, 5))[0]
        queries.append(ListingSearchParams(**params))
    return queries


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--suppliers", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (prints its name)")
    parser.add_argument("--reuse", metavar="DBNAME", help="query a database kept by --keep (no seeding)")
    parser.add_argument("--show-slowest", type=int, default=3)
    parser.add_argument(
        "--shared-buffers", default="4GB", help="for the embedded server only ('' keeps its setting)"
    )
    args = parser.parse_args()

    from hansa.embedded import EmbeddedServices

    services = EmbeddedServices(ROOT / "var" / "bench")
    started_services = services.ensure_environment()
    import dj_database_url
    import psycopg2

    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    dbname = args.reuse or f"hansa_bench_search_{uuid.uuid4().hex[:8]}"

    def admin_connect():
        conn = psycopg2.connect(
            dbname="postgres",
            user=base["USER"],
            password=base["PASSWORD"] or None,
            host=base["HOST"] or None,
            port=base["PORT"] or None,
        )
        conn.autocommit = True
        return conn

    admin = admin_connect()
    if "postgresql" in started_services and args.shared_buffers:
        # The embedded server starts with PostgreSQL's 128 MB default, sized for a laptop running the demo;
        # a server holding a million listings is given a production share of memory. Only this bench's
        # own server (var/bench/pg) is changed.
        admin.cursor().execute(f"ALTER SYSTEM SET shared_buffers = '{args.shared_buffers}'")
        admin.close()
        assert services._pg is not None
        services._pg.stop()
        services._pg.start()
        admin = admin_connect()
    settings_cursor = admin.cursor()
    settings_cursor.execute("SHOW shared_buffers")
    shared_buffers = settings_cursor.fetchone()[0]
    if not args.reuse:
        admin.cursor().execute(f'CREATE DATABASE "{dbname}"')
    version = admin.cursor()
    version.execute("SHOW server_version")
    server_version = version.fetchone()[0]
    where = (
        f"embedded PostgreSQL {server_version}"
        if "postgresql" in started_services
        else f"DATABASE_URL's server (PostgreSQL {server_version})"
    )
    where += f", shared_buffers {shared_buffers}"
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + dbname
    os.environ.update(
        DEBUG="1", DJANGO_SETTINGS_MODULE="hansa.settings", HANSA_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:6]}"
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from marketplace.catalog.selectors import listing_search, listing_search_sql
        from marketplace.directory.viewers import Viewer

        t0 = time.monotonic()
        if args.reuse:
            print(f"Reusing {dbname} on {where}", flush=True)
            # Bring a database kept by an older checkout up to the current models (new nullable columns).
            call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute("SELECT id, code, path, name_en, name_zh FROM directory_category")
                world = {"categories": {c: (pk, p, en, zh) for pk, c, p, en, zh in cursor.fetchall()}}
        else:
            call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
            print(
                f"Seeding {args.listings:,} listings from {args.suppliers:,} suppliers into {dbname} on {where}",
                flush=True,
            )
            connection.ensure_connection()
            raw_connection = connection.connection
            raw_connection.autocommit = False
            world = seed(raw_connection, args.listings, args.suppliers)
            raw_connection.autocommit = True
        seeding = time.monotonic() - t0
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), count(*) FILTER (WHERE is_public) FROM catalog_listing")
            total, public = cursor.fetchone()
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('catalog_listing'))")
            size = cursor.fetchone()[0]
        print(
            f"Seeded in {seeding:.0f}s: {total:,} listings ({public:,} public), catalog_listing {size}",
            flush=True,
        )

        queries = make_queries(args.queries, world)
        viewer = Viewer(prices_visible=True)

        def run_service(params) -> tuple[float, int]:
            started = time.perf_counter()
            page = listing_search(params=params, viewer=viewer)
            return (time.perf_counter() - started) * 1000, page.count

        def run_raw(params) -> float:
            sql, sql_params = listing_search_sql(params)
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, sql_params)
                cursor.fetchone()
            return (time.perf_counter() - started) * 1000

        # Warm-up, as on a server that has been answering searches for a while: the listing table read
        # through its primary key (a sequential scan would bypass the cache), then other queries than the
        # measured ones (another seed of the same generator).
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SELECT count(*) FROM catalog_listing WHERE id > 0")
            cursor.execute("SELECT count(*) FROM directory_supplierprofile WHERE id > 0")
            cursor.execute("RESET enable_seqscan")
        for params in make_queries(args.queries, world, seed=SEED + 2):
            run_service(params)
        service_ms: list[float] = []
        raw_ms: list[float] = []
        counts: list[int] = []
        for i, params in enumerate(queries):  # alternate which goes first, so neither warms the other
            if i % 2:
                raw_ms.append(run_raw(params))
            ms, count = run_service(params)
            service_ms.append(ms)
            counts.append(count)
            if not i % 2:
                raw_ms.append(run_raw(params))
        slowest = sorted(zip(service_ms, queries, strict=True), key=lambda x: -x[0])[: args.show_slowest]
        connection.close()
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep or args.reuse:
            print(f"kept database {dbname}")
        else:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
        services.stop()

    matched = sorted(counts)
    print(f"\n{len(queries)} queries (Chinese and English keywords, 0-4 filters, sorts, pages 1-3)")
    from marketplace.catalog.selectors.search import MAX_WINDOW

    capped = sum(1 for c in matched if c >= MAX_WINDOW)
    print(
        f"matches per query (counted up to {MAX_WINDOW:,}): median {statistics.median(matched):,.0f}; {capped} queries had more"
    )
    print(f"{'':<10}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}{'max ms':>10}")
    for name, values in (("service", service_ms), ("raw SQL", raw_ms)):
        print(
            f"{name:<10}{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}{statistics.fmean(values):>10.1f}{max(values):>10.1f}"
        )
    p50_ratio = percentile(service_ms, 0.5) / percentile(raw_ms, 0.5)
    p95_ratio = percentile(service_ms, 0.95) / percentile(raw_ms, 0.95)
    print(f"\nservice/raw: p50 {p50_ratio:.2f}x, p95 {p95_ratio:.2f}x (target <= 1.5)")
    print(f"service p95 = {percentile(service_ms, 0.95):.1f} ms (target <= 50 ms)")
    print("slowest (service ms):")
    for ms, params in slowest:
        shown = {k: v for k, v in vars(params).items() if v not in (None, False, "", 1, 20) or k == "q"}
        print(f"  {ms:7.1f}  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
