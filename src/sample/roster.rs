//! The sample dataset's roster: sci-tech cities with their Chinese and English names and provinces.

/// One sci-tech city of the sample roster.
pub struct RosterEntry {
    /// Stable id, lowercase ASCII words joined by '-'.
    pub id: &'static str,
    /// Chinese name as it would appear in the list.
    pub zh: &'static str,
    /// English name.
    pub en: &'static str,
    /// Province (or municipality / autonomous region) in Chinese, short form: "浙江", "广东", "上海", "北京", "广西", "内蒙古" ...
    pub province_zh: &'static str,
    /// Province in English: "Zhejiang", "Guangdong", "Shanghai", "Beijing", "Guangxi", "Inner Mongolia" ...
    pub province_en: &'static str,
    /// The city the sci-tech city lies in, in Chinese, e.g. "杭州".
    pub city_zh: &'static str,
    /// The kind of entity, in Chinese: "科学城", "科技城" or "高新区".
    pub kind_zh: &'static str,
}

/// Builds one roster row; keeps the table below to one short line per entry.
///
/// Seven arguments is exactly clippy's default `too_many_arguments` threshold, so the lint does not
/// fire here and needs no `allow` / `expect`.
const fn e(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    province_zh: &'static str,
    province_en: &'static str,
    city_zh: &'static str,
    kind_zh: &'static str,
) -> RosterEntry {
    RosterEntry {
        id,
        zh,
        en,
        province_zh,
        province_en,
        city_zh,
        kind_zh,
    }
}

/// Every entity of the sample, 120 in all.
#[rustfmt::skip]
pub const ROSTER: &[RosterEntry] = &[
    // The leading sixteen, in list order.
    e("pudong-zhangjiang", "上海浦东张江科学城", "Shanghai Pudong Zhangjiang Science City", "上海", "Shanghai", "上海", "科学城"),
    e("haidian-zhongguancun", "北京海淀中关村科学城", "Beijing Haidian Zhongguancun Science City", "北京", "Beijing", "北京", "科学城"),
    e("guangzhou-science-city", "广东广州科学城", "Guangzhou Science City", "广东", "Guangdong", "广州", "科学城"),
    e("changping-future", "北京昌平未来科学城", "Beijing Changping Future Science City", "北京", "Beijing", "北京", "科学城"),
    e("ningbo-new-materials", "浙江宁波新材料科技城", "Ningbo New Materials Science and Technology City", "浙江", "Zhejiang", "宁波", "科技城"),
    e("hangzhou-future", "浙江杭州未来科技城", "Hangzhou Future Sci-Tech City", "浙江", "Zhejiang", "杭州", "科技城"),
    e("mianyang", "四川中国（绵阳）科技城", "China (Mianyang) Science and Technology City", "四川", "Sichuan", "绵阳", "科技城"),
    e("hefei-binhu", "安徽合肥滨湖科技城", "Hefei Binhu Science City", "安徽", "Anhui", "合肥", "科技城"),
    e("huairou", "北京怀柔科学城", "Beijing Huairou Science City", "北京", "Beijing", "北京", "科学城"),
    e("lingang-pujiang", "上海临港浦江国际科技城", "Shanghai Lingang Pujiang International Science and Technology City", "上海", "Shanghai", "上海", "科技城"),
    e("dezhou-eco", "德州生态科技城", "Dezhou Ecological Science and Technology City", "山东", "Shandong", "德州", "科技城"),
    e("weihai-shuangdaowan", "威海双岛湾科技城", "Weihai Shuangdao Bay Science and Technology City", "山东", "Shandong", "威海", "科技城"),
    e("qingdao-software", "青岛软件科技城", "Qingdao Software Science and Technology City", "山东", "Shandong", "青岛", "科技城"),
    e("qingdao-new-materials", "青岛新材料科技城", "Qingdao New Materials Science and Technology City", "山东", "Shandong", "青岛", "科技城"),
    e("suzhou", "苏州科技城", "Suzhou Science and Technology City", "江苏", "Jiangsu", "苏州", "科技城"),
    e("guizhou", "贵州科学城", "Guizhou Science City (Guiyang National High-tech Zone)", "贵州", "Guizhou", "贵阳", "科学城"),
    // Zhejiang.
    e("hangzhou-zijingang", "浙江杭州紫金港科技城", "Hangzhou Zijingang Science and Technology City", "浙江", "Zhejiang", "杭州", "科技城"),
    e("hangzhou-qingshanhu", "浙江杭州青山湖科技城", "Hangzhou Qingshanhu Science and Technology City", "浙江", "Zhejiang", "杭州", "科技城"),
    e("hangzhou-xiaoshan", "浙江杭州萧山科技城", "Hangzhou Xiaoshan Science and Technology City", "浙江", "Zhejiang", "杭州", "科技城"),
    e("hangzhou-yinhu", "浙江杭州银湖科技城", "Hangzhou Yinhu Science and Technology City", "浙江", "Zhejiang", "杭州", "科技城"),
    e("hangzhou-hitech", "杭州高新区（滨江）", "Hangzhou National High-tech Zone (Binjiang)", "浙江", "Zhejiang", "杭州", "高新区"),
    e("ningbo-yongjiang", "浙江宁波甬江科技城", "Ningbo Yongjiang Science and Technology City", "浙江", "Zhejiang", "宁波", "科技城"),
    e("ningbo-hitech", "宁波高新区", "Ningbo National High-tech Zone", "浙江", "Zhejiang", "宁波", "高新区"),
    e("wenzhou-zhenan", "浙江温州浙南科技城", "Wenzhou Zhenan Science and Technology City", "浙江", "Zhejiang", "温州", "科技城"),
    e("shaoxing-jinghu", "浙江绍兴镜湖科技城", "Shaoxing Jinghu Science and Technology City", "浙江", "Zhejiang", "绍兴", "科技城"),
    e("huzhou-nantaihu", "浙江湖州南太湖科技城", "Huzhou Nantaihu Science and Technology City", "浙江", "Zhejiang", "湖州", "科技城"),
    e("jiaxing", "浙江嘉兴科技城", "Jiaxing Science and Technology City", "浙江", "Zhejiang", "嘉兴", "科技城"),
    e("jinhua", "浙江金华科技城", "Jinhua Science and Technology City", "浙江", "Zhejiang", "金华", "科技城"),
    e("taizhou-bay", "浙江台州湾区科技城", "Taizhou Bay Area Science and Technology City", "浙江", "Zhejiang", "台州", "科技城"),
    e("zhoushan-ocean", "浙江舟山海洋科学城", "Zhoushan Ocean Science City", "浙江", "Zhejiang", "舟山", "科学城"),
    e("quzhou", "浙江衢州科技城", "Quzhou Science and Technology City", "浙江", "Zhejiang", "衢州", "科技城"),
    e("wenzhou-hitech", "温州高新区", "Wenzhou National High-tech Zone", "浙江", "Zhejiang", "温州", "高新区"),
    e("jiaxing-xiuzhou-hitech", "嘉兴秀洲高新区", "Jiaxing Xiuzhou National High-tech Zone", "浙江", "Zhejiang", "嘉兴", "高新区"),
    // Guangdong.
    e("shenzhen-guangming", "广东深圳光明科学城", "Shenzhen Guangming Science City", "广东", "Guangdong", "深圳", "科学城"),
    e("dongguan-songshanhu", "广东东莞松山湖科学城", "Dongguan Songshan Lake Science City", "广东", "Guangdong", "东莞", "科学城"),
    e("guangzhou-nansha", "广东广州南沙科学城", "Guangzhou Nansha Science City", "广东", "Guangdong", "广州", "科学城"),
    e("shenzhen-hitech", "深圳高新区", "Shenzhen National High-tech Zone", "广东", "Guangdong", "深圳", "高新区"),
    e("guangzhou-hitech", "广州高新区", "Guangzhou National High-tech Zone", "广东", "Guangdong", "广州", "高新区"),
    e("foshan-sanlongwan", "广东佛山三龙湾科技城", "Foshan Sanlongwan Science and Technology City", "广东", "Guangdong", "佛山", "科技城"),
    e("zhuhai-hitech", "珠海高新区", "Zhuhai National High-tech Zone", "广东", "Guangdong", "珠海", "高新区"),
    e("huizhou-tonghu", "广东惠州潼湖科学城", "Huizhou Tonghu Science City", "广东", "Guangdong", "惠州", "科学城"),
    e("zhongshan-cuiheng", "广东中山翠亨科学城", "Zhongshan Cuiheng Science City", "广东", "Guangdong", "中山", "科学城"),
    e("jiangmen-hitech", "江门高新区", "Jiangmen National High-tech Zone", "广东", "Guangdong", "江门", "高新区"),
    e("shantou-hitech", "汕头高新区", "Shantou National High-tech Zone", "广东", "Guangdong", "汕头", "高新区"),
    e("zhaoqing-hitech", "肇庆高新区", "Zhaoqing National High-tech Zone", "广东", "Guangdong", "肇庆", "高新区"),
    e("foshan-hitech", "佛山高新区", "Foshan National High-tech Zone", "广东", "Guangdong", "佛山", "高新区"),
    e("zhanjiang-ocean", "广东湛江海洋科技城", "Zhanjiang Ocean Science and Technology City", "广东", "Guangdong", "湛江", "科技城"),
    // Jiangsu.
    e("nanjing-qilin", "江苏南京麒麟科技城", "Nanjing Qilin Science and Technology City", "江苏", "Jiangsu", "南京", "科技城"),
    e("nanjing-zijinshan", "江苏南京紫金山科技城", "Nanjing Zijinshan Science and Technology City", "江苏", "Jiangsu", "南京", "科技城"),
    e("nanjing-hitech", "南京高新区", "Nanjing National High-tech Zone", "江苏", "Jiangsu", "南京", "高新区"),
    e("wuxi-taihu", "江苏无锡太湖科学城", "Wuxi Taihu Science City", "江苏", "Jiangsu", "无锡", "科学城"),
    e("kunshan-hitech", "昆山高新区", "Kunshan National High-tech Zone", "江苏", "Jiangsu", "昆山", "高新区"),
    e("changzhou-hitech", "常州高新区", "Changzhou National High-tech Zone", "江苏", "Jiangsu", "常州", "高新区"),
    e("nantong-hitech", "南通高新区", "Nantong National High-tech Zone", "江苏", "Jiangsu", "南通", "高新区"),
    e("xuzhou-huaihai", "江苏徐州淮海科技城", "Xuzhou Huaihai Science and Technology City", "江苏", "Jiangsu", "徐州", "科技城"),
    e("yangzhou-hitech", "扬州高新区", "Yangzhou National High-tech Zone", "江苏", "Jiangsu", "扬州", "高新区"),
    e("taizhou-medical-hitech", "江苏泰州医药高新区", "Taizhou Medical National High-tech Zone", "江苏", "Jiangsu", "泰州", "高新区"),
    e("yancheng-hitech", "盐城高新区", "Yancheng National High-tech Zone", "江苏", "Jiangsu", "盐城", "高新区"),
    // Shandong.
    e("jinan-hitech", "济南高新区", "Jinan National High-tech Zone", "山东", "Shandong", "济南", "高新区"),
    e("yantai-bajiaowan", "山东烟台八角湾科技城", "Yantai Bajiao Bay Science and Technology City", "山东", "Shandong", "烟台", "科技城"),
    e("weifang-hitech", "潍坊高新区", "Weifang National High-tech Zone", "山东", "Shandong", "潍坊", "高新区"),
    e("zibo-hitech", "淄博高新区", "Zibo National High-tech Zone", "山东", "Shandong", "淄博", "高新区"),
    // Shanghai.
    e("shanghai-zizhu-hitech", "上海紫竹高新区", "Shanghai Zizhu National High-tech Zone", "上海", "Shanghai", "上海", "高新区"),
    e("songjiang", "上海松江科技城", "Shanghai Songjiang Science and Technology City", "上海", "Shanghai", "上海", "科技城"),
    e("jiading", "上海嘉定科技城", "Shanghai Jiading Science and Technology City", "上海", "Shanghai", "上海", "科技城"),
    e("shanghai-zhangjiang-hitech", "上海张江高新区", "Shanghai Zhangjiang National High-tech Zone", "上海", "Shanghai", "上海", "高新区"),
    e("minhang-dalinghaowan", "上海闵行大零号湾科技城", "Shanghai Minhang Dalinghao Bay Science and Technology City", "上海", "Shanghai", "上海", "科技城"),
    // Beijing.
    e("yizhuang", "北京亦庄科技城", "Beijing Yizhuang Science and Technology City", "北京", "Beijing", "北京", "科技城"),
    e("daxing-biomedicine", "北京大兴生物医药科技城", "Beijing Daxing Biomedicine Science and Technology City", "北京", "Beijing", "北京", "科技城"),
    // Sichuan.
    e("chengdu-western", "四川西部（成都）科学城", "Western China (Chengdu) Science City", "四川", "Sichuan", "成都", "科学城"),
    e("chengdu-hitech", "成都高新区", "Chengdu National High-tech Zone", "四川", "Sichuan", "成都", "高新区"),
    e("deyang-hitech", "德阳高新区", "Deyang National High-tech Zone", "四川", "Sichuan", "德阳", "高新区"),
    e("zigong-hitech", "自贡高新区", "Zigong National High-tech Zone", "四川", "Sichuan", "自贡", "高新区"),
    // Hubei.
    e("wuhan-donghu", "湖北武汉东湖科学城", "Wuhan Donghu Science City", "湖北", "Hubei", "武汉", "科学城"),
    e("wuhan-future", "湖北武汉未来科技城", "Wuhan Future Science and Technology City", "湖北", "Hubei", "武汉", "科技城"),
    e("xiangyang", "湖北襄阳科技城", "Xiangyang Science and Technology City", "湖北", "Hubei", "襄阳", "科技城"),
    e("yichang-hitech", "宜昌高新区", "Yichang National High-tech Zone", "湖北", "Hubei", "宜昌", "高新区"),
    e("jingmen-hitech", "荆门高新区", "Jingmen National High-tech Zone", "湖北", "Hubei", "荆门", "高新区"),
    // Anhui.
    e("hefei-hitech", "合肥高新区", "Hefei National High-tech Zone", "安徽", "Anhui", "合肥", "高新区"),
    e("wuhu", "安徽芜湖科技城", "Wuhu Science and Technology City", "安徽", "Anhui", "芜湖", "科技城"),
    e("bengbu-hitech", "蚌埠高新区", "Bengbu National High-tech Zone", "安徽", "Anhui", "蚌埠", "高新区"),
    e("maanshan-cihu-hitech", "马鞍山慈湖高新区", "Ma'anshan Cihu National High-tech Zone", "安徽", "Anhui", "马鞍山", "高新区"),
    // Hunan.
    e("changsha-yuelushan", "湖南长沙岳麓山大学科技城", "Changsha Yuelushan University Science and Technology City", "湖南", "Hunan", "长沙", "科技城"),
    e("changsha-hitech", "长沙高新区", "Changsha National High-tech Zone", "湖南", "Hunan", "长沙", "高新区"),
    e("zhuzhou-hitech", "株洲高新区", "Zhuzhou National High-tech Zone", "湖南", "Hunan", "株洲", "高新区"),
    e("xiangtan-hitech", "湘潭高新区", "Xiangtan National High-tech Zone", "湖南", "Hunan", "湘潭", "高新区"),
    // Fujian.
    e("fuzhou-science-city", "福建福州科学城", "Fuzhou Science City", "福建", "Fujian", "福州", "科学城"),
    e("xiamen-science-city", "福建厦门科学城", "Xiamen Science City", "福建", "Fujian", "厦门", "科学城"),
    e("quanzhou-hitech", "泉州高新区", "Quanzhou National High-tech Zone", "福建", "Fujian", "泉州", "高新区"),
    e("zhangzhou-hitech", "漳州高新区", "Zhangzhou National High-tech Zone", "福建", "Fujian", "漳州", "高新区"),
    // Shaanxi.
    e("xian-science-city", "陕西西安科学城", "Xi'an Science City", "陕西", "Shaanxi", "西安", "科学城"),
    e("xian-hitech", "西安高新区", "Xi'an National High-tech Zone", "陕西", "Shaanxi", "西安", "高新区"),
    e("baoji-hitech", "宝鸡高新区", "Baoji National High-tech Zone", "陕西", "Shaanxi", "宝鸡", "高新区"),
    e("yangling-agri-hitech", "陕西杨凌农业高新区", "Yangling Agricultural National High-tech Zone", "陕西", "Shaanxi", "咸阳", "高新区"),
    // Chongqing.
    e("chongqing-western", "重庆西部（重庆）科学城", "Western China (Chongqing) Science City", "重庆", "Chongqing", "重庆", "科学城"),
    e("chongqing-liangjiang", "重庆两江科技城", "Chongqing Liangjiang Science and Technology City", "重庆", "Chongqing", "重庆", "科技城"),
    e("bishan-hitech", "重庆璧山高新区", "Chongqing Bishan National High-tech Zone", "重庆", "Chongqing", "重庆", "高新区"),
    // Tianjin.
    e("tianjin-binhai-hitech", "天津滨海高新区", "Tianjin Binhai National High-tech Zone", "天津", "Tianjin", "天津", "高新区"),
    e("tianjin-future", "天津未来科技城", "Tianjin Future Science and Technology City", "天津", "Tianjin", "天津", "科技城"),
    e("baodi-zhongguancun", "天津京津中关村科技城", "Tianjin Beijing-Tianjin Zhongguancun Science and Technology City", "天津", "Tianjin", "天津", "科技城"),
    // Henan.
    e("zhengzhou-zhongyuan", "河南郑州中原科技城", "Zhengzhou Zhongyuan Science and Technology City", "河南", "Henan", "郑州", "科技城"),
    e("zhengzhou-hitech", "郑州高新区", "Zhengzhou National High-tech Zone", "河南", "Henan", "郑州", "高新区"),
    e("luoyang-hitech", "洛阳高新区", "Luoyang National High-tech Zone", "河南", "Henan", "洛阳", "高新区"),
    // Hebei.
    e("shijiazhuang-hitech", "石家庄高新区", "Shijiazhuang National High-tech Zone", "河北", "Hebei", "石家庄", "高新区"),
    e("baoding-hitech", "保定高新区", "Baoding National High-tech Zone", "河北", "Hebei", "保定", "高新区"),
    // Liaoning.
    e("shenyang-hunnan", "辽宁沈阳浑南科技城", "Shenyang Hunnan Science and Technology City", "辽宁", "Liaoning", "沈阳", "科技城"),
    e("dalian-hitech", "大连高新区", "Dalian National High-tech Zone", "辽宁", "Liaoning", "大连", "高新区"),
    // Jiangxi.
    e("nanchang-yaohu", "江西南昌瑶湖科技城", "Nanchang Yaohu Science and Technology City", "江西", "Jiangxi", "南昌", "科技城"),
    e("ganzhou-hitech", "赣州高新区", "Ganzhou National High-tech Zone", "江西", "Jiangxi", "赣州", "高新区"),
    // Guizhou.
    e("anshun-hitech", "安顺高新区", "Anshun National High-tech Zone", "贵州", "Guizhou", "安顺", "高新区"),
    // One each.
    e("kunming-hitech", "云南昆明高新区", "Kunming National High-tech Zone", "云南", "Yunnan", "昆明", "高新区"),
    e("nanning-hitech", "广西南宁高新区", "Nanning National High-tech Zone", "广西", "Guangxi", "南宁", "高新区"),
    e("changchun-beihu", "吉林长春北湖科技城", "Changchun Beihu Science and Technology City", "吉林", "Jilin", "长春", "科技城"),
    e("harbin-innovation", "黑龙江哈尔滨科技创新城", "Harbin Science and Technology Innovation City", "黑龙江", "Heilongjiang", "哈尔滨", "科技城"),
    e("taiyuan-hitech", "山西太原高新区", "Taiyuan National High-tech Zone", "山西", "Shanxi", "太原", "高新区"),
    e("lanzhou-hitech", "甘肃兰州高新区", "Lanzhou National High-tech Zone", "甘肃", "Gansu", "兰州", "高新区"),
    e("baotou-rare-earth-hitech", "内蒙古包头稀土高新区", "Baotou Rare Earth National High-tech Zone", "内蒙古", "Inner Mongolia", "包头", "高新区"),
    e("urumqi-hitech", "新疆乌鲁木齐高新区", "Urumqi National High-tech Zone", "新疆", "Xinjiang", "乌鲁木齐", "高新区"),
    e("sanya-yazhouwan", "海南三亚崖州湾科技城", "Sanya Yazhou Bay Science and Technology City", "海南", "Hainan", "三亚", "科技城"),
    e("yinchuan-hitech", "宁夏银川高新区", "Yinchuan National High-tech Zone", "宁夏", "Ningxia", "银川", "高新区"),
];

#[cfg(test)]
mod tests {
    use super::ROSTER;
    use std::collections::HashSet;

    /// Expected entries per province: (Chinese, English, count).
    const EXPECTED_PROVINCES: &[(&str, &str, usize)] = &[
        ("浙江", "Zhejiang", 19),
        ("广东", "Guangdong", 15),
        ("江苏", "Jiangsu", 12),
        ("山东", "Shandong", 8),
        ("上海", "Shanghai", 7),
        ("北京", "Beijing", 5),
        ("四川", "Sichuan", 5),
        ("湖北", "Hubei", 5),
        ("安徽", "Anhui", 5),
        ("湖南", "Hunan", 4),
        ("福建", "Fujian", 4),
        ("陕西", "Shaanxi", 4),
        ("重庆", "Chongqing", 3),
        ("天津", "Tianjin", 3),
        ("河南", "Henan", 3),
        ("河北", "Hebei", 2),
        ("辽宁", "Liaoning", 2),
        ("江西", "Jiangxi", 2),
        ("贵州", "Guizhou", 2),
        ("云南", "Yunnan", 1),
        ("广西", "Guangxi", 1),
        ("吉林", "Jilin", 1),
        ("黑龙江", "Heilongjiang", 1),
        ("山西", "Shanxi", 1),
        ("甘肃", "Gansu", 1),
        ("内蒙古", "Inner Mongolia", 1),
        ("新疆", "Xinjiang", 1),
        ("海南", "Hainan", 1),
        ("宁夏", "Ningxia", 1),
    ];

    #[test]
    fn roster_has_120_entries() {
        assert_eq!(ROSTER.len(), 120);
    }

    #[test]
    fn ids_and_names_are_unique() {
        let mut ids = HashSet::new();
        let mut zhs = HashSet::new();
        let mut ens = HashSet::new();
        for entry in ROSTER {
            assert!(ids.insert(entry.id), "duplicate id {}", entry.id);
            assert!(zhs.insert(entry.zh), "duplicate zh name {}", entry.zh);
            assert!(ens.insert(entry.en), "duplicate en name {}", entry.en);
        }
    }

    #[test]
    fn province_counts_match() {
        let expected_total: usize = EXPECTED_PROVINCES.iter().map(|&(_, _, n)| n).sum();
        assert_eq!(expected_total, 120);
        for &(zh, en, expected) in EXPECTED_PROVINCES {
            let mut count = 0;
            for entry in ROSTER {
                if entry.province_zh == zh {
                    assert_eq!(
                        entry.province_en, en,
                        "{} has a mismatched province_en",
                        entry.id
                    );
                    count += 1;
                }
            }
            assert_eq!(count, expected, "province {zh} / {en}");
        }
        for entry in ROSTER {
            assert!(
                EXPECTED_PROVINCES
                    .iter()
                    .any(|&(zh, en, _)| zh == entry.province_zh && en == entry.province_en),
                "{} has an unexpected province {} / {}",
                entry.id,
                entry.province_zh,
                entry.province_en
            );
        }
    }

    #[test]
    fn ids_are_lowercase_ascii() {
        for entry in ROSTER {
            assert!(!entry.id.is_empty());
            assert!(
                entry
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "bad id {}",
                entry.id
            );
            assert!(
                !entry.id.starts_with('-') && !entry.id.ends_with('-') && !entry.id.contains("--"),
                "bad id {}",
                entry.id
            );
        }
    }

    #[test]
    fn kinds_are_known() {
        for entry in ROSTER {
            assert!(
                matches!(entry.kind_zh, "科学城" | "科技城" | "高新区"),
                "{} has kind {}",
                entry.id,
                entry.kind_zh
            );
        }
    }
}
