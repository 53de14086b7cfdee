"""Seed the product-category tree: codes, English and Chinese names, materialised paths.

The tree is data of this migration (frozen here, as migrations must be); later changes come as new
migrations. Codes are hierarchical ("10.01.02"); ``path`` is the codes from the root joined by "/".
"""

from django.db import migrations

# (code, English name, Chinese name); the parent is the code without its last ".xx".
TREE = [
    ("10", "Machinery parts", "机械零部件"),
    ("10.01", "Bearings", "轴承"),
    ("10.01.01", "Ball bearings", "球轴承"),
    ("10.01.02", "Roller bearings", "滚子轴承"),
    ("10.01.03", "Plain bearings", "滑动轴承"),
    ("10.01.04", "Bearing housings and units", "轴承座"),
    ("10.02", "Gears and power transmission", "齿轮与传动件"),
    ("10.02.01", "Gears", "齿轮"),
    ("10.02.02", "Gear reducers", "减速机"),
    ("10.02.03", "Chains and sprockets", "链条与链轮"),
    ("10.02.04", "Belts and pulleys", "皮带与皮带轮"),
    ("10.02.05", "Couplings", "联轴器"),
    ("10.03", "Fasteners", "紧固件"),
    ("10.03.01", "Bolts and screws", "螺栓与螺钉"),
    ("10.03.02", "Nuts", "螺母"),
    ("10.03.03", "Washers", "垫圈"),
    ("10.03.04", "Rivets", "铆钉"),
    ("10.04", "Hydraulics and pneumatics", "液压与气动"),
    ("10.04.01", "Hydraulic cylinders", "液压缸"),
    ("10.04.02", "Hydraulic pumps", "液压泵"),
    ("10.04.03", "Industrial valves", "工业阀门"),
    ("10.04.04", "Pneumatic cylinders", "气缸"),
    ("10.05", "Seals and gaskets", "密封件"),
    ("10.05.01", "O-rings", "O型圈"),
    ("10.05.02", "Oil seals", "油封"),
    ("10.05.03", "Gaskets", "垫片"),
    ("10.06", "Springs", "弹簧"),
    ("20", "Steel and metals", "钢材与金属"),
    ("20.01", "Steel sheet and plate", "钢板"),
    ("20.01.01", "Hot-rolled sheet", "热轧板"),
    ("20.01.02", "Cold-rolled sheet", "冷轧板"),
    ("20.01.03", "Galvanized sheet", "镀锌板"),
    ("20.01.04", "Stainless steel sheet", "不锈钢板"),
    ("20.02", "Steel bar and rod", "钢棒与线材"),
    ("20.02.01", "Round bar", "圆钢"),
    ("20.02.02", "Rebar", "螺纹钢"),
    ("20.02.03", "Wire rod", "线材"),
    ("20.03", "Steel pipe and tube", "钢管"),
    ("20.03.01", "Seamless pipe", "无缝钢管"),
    ("20.03.02", "Welded pipe", "焊接钢管"),
    ("20.03.03", "Stainless steel pipe", "不锈钢管"),
    ("20.04", "Structural steel", "型钢"),
    ("20.04.01", "H-beams", "H型钢"),
    ("20.04.02", "Angle steel", "角钢"),
    ("20.04.03", "Channel steel", "槽钢"),
    ("20.05", "Non-ferrous metals", "有色金属"),
    ("20.05.01", "Aluminium", "铝材"),
    ("20.05.02", "Copper", "铜材"),
    ("20.05.03", "Zinc and lead", "锌与铅"),
    ("30", "Food and beverages", "食品饮料"),
    ("30.01", "Packaged snacks", "休闲零食"),
    ("30.01.01", "Biscuits and cookies", "饼干"),
    ("30.01.02", "Chips and puffed snacks", "薯片膨化食品"),
    ("30.01.03", "Nuts and dried fruit", "坚果炒货"),
    ("30.01.04", "Candy and chocolate", "糖果巧克力"),
    ("30.02", "Beverages", "饮料"),
    ("30.02.01", "Bottled water", "瓶装水"),
    ("30.02.02", "Tea drinks", "茶饮料"),
    ("30.02.03", "Fruit juices", "果汁"),
    ("30.02.04", "Carbonated drinks", "碳酸饮料"),
    ("30.03", "Grain and oil", "粮油"),
    ("30.03.01", "Rice", "大米"),
    ("30.03.02", "Flour", "面粉"),
    ("30.03.03", "Edible oil", "食用油"),
    ("30.04", "Condiments", "调味品"),
    ("30.04.01", "Soy sauce and vinegar", "酱油醋"),
    ("30.04.02", "Spices", "香辛料"),
    ("30.05", "Dairy products", "乳制品"),
    ("30.06", "Frozen food", "速冻食品"),
    ("40", "Packaging", "包装材料"),
    ("40.01", "Cartons and boxes", "纸箱纸盒"),
    ("40.02", "Plastic bags and film", "塑料袋与薄膜"),
    ("40.03", "Bottles and containers", "瓶与容器"),
    ("40.04", "Pallets", "托盘"),
    ("40.05", "Labels and tape", "标签与胶带"),
    ("50", "Electrical equipment", "电气设备"),
    ("50.01", "Electric motors", "电机"),
    ("50.01.01", "AC motors", "交流电机"),
    ("50.01.02", "DC motors", "直流电机"),
    ("50.01.03", "Servo motors", "伺服电机"),
    ("50.02", "Wires and cables", "电线电缆"),
    ("50.02.01", "Power cables", "电力电缆"),
    ("50.02.02", "Control cables", "控制电缆"),
    ("50.03", "Switchgear", "开关设备"),
    ("50.03.01", "Circuit breakers", "断路器"),
    ("50.03.02", "Contactors and relays", "接触器与继电器"),
    ("50.04", "Transformers", "变压器"),
    ("50.05", "Lighting", "照明"),
    ("50.05.01", "LED lamps", "LED灯具"),
    ("50.06", "Sensors and instruments", "传感器与仪表"),
    ("60", "Chemicals", "化工"),
    ("60.01", "Industrial chemicals", "工业化学品"),
    ("60.01.01", "Acids", "酸类"),
    ("60.01.02", "Solvents", "溶剂"),
    ("60.02", "Plastics and resins", "塑料与树脂"),
    ("60.02.01", "Polyethylene", "聚乙烯"),
    ("60.02.02", "Polypropylene", "聚丙烯"),
    ("60.02.03", "PVC", "聚氯乙烯"),
    ("60.03", "Paints and coatings", "涂料"),
    ("60.04", "Adhesives", "胶粘剂"),
    ("60.05", "Lubricants", "润滑油"),
    ("70", "Textiles", "纺织"),
    ("70.01", "Yarn", "纱线"),
    ("70.01.01", "Cotton yarn", "棉纱"),
    ("70.01.02", "Polyester yarn", "涤纶纱"),
    ("70.02", "Fabrics", "面料"),
    ("70.02.01", "Woven fabric", "梭织面料"),
    ("70.02.02", "Knitted fabric", "针织面料"),
    ("70.02.03", "Non-woven fabric", "无纺布"),
    ("70.03", "Garments and workwear", "服装与工作服"),
    ("70.04", "Home textiles", "家纺"),
    ("80", "Rubber and plastic products", "橡塑制品"),
    ("80.01", "Rubber hoses", "橡胶管"),
    ("80.02", "Plastic parts", "塑料件"),
    ("80.03", "Rubber sheets", "橡胶板"),
    ("90", "Tools and hardware", "工具五金"),
    ("90.01", "Hand tools", "手动工具"),
    ("90.02", "Power tools", "电动工具"),
    ("90.03", "Cutting tools", "刀具"),
    ("90.04", "Abrasives", "磨具磨料"),
    ("90.05", "Safety equipment", "劳保用品"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    by_code = {}
    for code, name_en, name_zh in TREE:
        parent_code = code.rsplit(".", 1)[0] if "." in code else None
        parent = by_code[parent_code] if parent_code else None
        node, _ = Category.objects.update_or_create(
            code=code,
            defaults={
                "parent": parent,
                "name_en": name_en,
                "name_zh": name_zh,
                "path": f"{parent.path}/{code}" if parent else code,
                "depth": code.count("."),
            },
        )
        by_code[code] = node


def unseed(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    for code, _, _ in reversed(TREE):
        Category.objects.filter(code=code, children__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_supplier_search_certification_files")]

    operations = [migrations.RunPython(seed, unseed)]
