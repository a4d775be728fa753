using System.Text;

namespace OpinionBot.Matching;

/// <summary>What a story term names; places decide conflicts, the rest only adds agreement.</summary>
public enum StoryTermKind
{
    /// <summary>A named place or institution (石桥镇, 红旗村, 城东人民医院): two items naming different ones at the same level differ.</summary>
    Place = 0,

    /// <summary>A place named too briefly to tell apart (县人民医院, 该村): agreement only.</summary>
    VaguePlace = 1,

    /// <summary>A person as reports name them (王女士, 张某, 村民张建国).</summary>
    Person = 2,

    /// <summary>A count or amount with its unit (3万元, 四十余名 → 40名).</summary>
    Number = 3,
}

/// <summary>One distinctive term of an item: its kind, its place level (for conflicts) and its key text.</summary>
public readonly record struct StoryTerm(StoryTermKind Kind, int Level, string Key, int Start, int Length);

/// <summary>
/// Picks the entity-like terms that tell one event from another, without a segmenter: names of places and
/// institutions by their endings (…县 …镇 …乡 …村 …街道 …路 …小区 …医院 …学校 …公司), persons as news names them
/// (王女士, 李某, 村民张建国), and counts with units (3万元, 两百多名). A name is keyed on the two characters before its
/// ending, so "在石桥镇", "石桥镇" and "河东县石桥镇" give the same key however the sentence around it starts.
/// Works on <see cref="TextNormalizer"/> output.
/// </summary>
public static class StoryTerms
{
    /// <summary>Place levels: a conflict is two items naming different places of the same level.</summary>
    public const int County = 1, Town = 2, Village = 3, Street = 4, Hospital = 5, School = 6, Company = 7, Venue = 8;

    // Longest first, so 人民医院 wins over 医院 and 中心小学 over 小学.
    private static readonly (string Ending, int Level)[] Endings =
    [
        .. new (string, int)[]
        {
            ("县", County), ("区", County), ("镇", Town), ("乡", Town), ("街道", Town), ("村", Village), ("社区", Village),
            ("小区", Village), ("花园", Village), ("家园", Village), ("新村", Village), ("路", Street), ("大道", Street),
            ("大街", Street), ("街", Street), ("巷", Street), ("人民医院", Hospital), ("中医院", Hospital), ("医院", Hospital),
            ("卫生院", Hospital), ("保健院", Hospital), ("诊所", Hospital), ("中心小学", School), ("小学", School),
            ("中学", School), ("学校", School), ("一中", School), ("二中", School), ("三中", School), ("四中", School), ("五中", School), ("幼儿园", School), ("大学", School), ("学院", School), ("公司", Company),
            ("集团", Company), ("工厂", Company), ("厂", Company), ("酒店", Venue), ("宾馆", Venue), ("超市", Venue),
            ("商场", Venue), ("市场", Venue), ("广场", Venue), ("公园", Venue), ("景区", Venue), ("水库", Venue), ("派出所", Venue),
            ("车站", Venue), ("书店", Venue), ("饭店", Venue), ("餐馆", Venue), ("菜馆", Venue), ("药店", Venue), ("支行", Venue), ("营业厅", Venue), ("加油站", Venue), ("养老院", Venue), ("敬老院", Venue), ("工业园", Venue), ("工地", Venue),
        }.OrderByDescending(e => e.Item1.Length),
    ];

    // A name never reaches back over these: words that start or frame a sentence rather than name a place.
    private const string StopChars = "的了在是和与及对被把将向从于为因后称等又也都就还而并让给致其这那之或但已再仍遭请该某我你他她它们个名位家所处座条到至内外上下中附近前往进去回";

    // Words ending in a place ending that are not names (修路, 进村, 城区): the character before and a one-character ending.
    private static readonly HashSet<string> EndingWords = new(StringComparer.Ordinal)
    {
        "绕路", "修路", "走路", "带路", "让路", "拦路", "堵路", "挡路", "过路", "赶路", "问路", "迷路", "上路", "出路", "开路", "引路", "领路",
        "探路", "来路", "退路", "水路", "陆路", "电路", "思路", "套路", "网路", "道路", "马路", "公路", "铁路", "线路", "一路", "半路", "远路",
        "进村", "全村", "本村", "该村", "各村", "围村", "出村", "回村", "到村", "入村", "邻村", "同村", "驻村", "乡村", "农村", "通村", "整村",
        "城镇", "乡镇", "全镇", "本镇", "该镇", "到镇", "回镇", "坐镇", "城乡", "下乡", "回乡", "老乡", "家乡", "返乡", "外乡", "全县", "本县",
        "该县", "外县", "全区", "城区", "辖区", "景区", "园区", "山区", "市区", "郊区", "地区", "灾区", "校区", "厂区", "矿区", "片区", "全区",
        "本区", "该区", "分区", "禁区", "误区", "专区", "街区", "老区", "库区", "湖区", "上街", "逛街", "满街", "沿街", "临街", "大街", "工厂",
        "建厂", "进厂", "出厂", "全厂", "本厂", "该厂", "回厂",
    };

    // Verbs and common words that often stand before an institution without naming it (送往医院, 质疑学校).
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "送往", "送到", "前往", "住进", "来到", "回到", "赶到", "食用", "质疑", "要求", "治疗", "工作", "希望", "通往", "水泥", "手术", "推诿",
        "查实", "亲属", "隐患", "裂缝", "超标", "流传", "骨折", "问题", "积水", "异味", "多户", "附近", "当地", "本地", "外地", "涉事", "这家",
        "那家", "一家", "该家", "多家", "这所", "一所", "这个", "一个", "学生", "老师", "家长", "孩子", "村民", "居民", "市民", "群众", "网友",
        "记者", "医生", "患者", "病人", "正规", "公立", "私立", "民办", "大型", "小型", "新建", "附属", "综合", "专科", "所在", "所属", "承建",
        "开发", "物业", "施工", "建筑", "政府", "部门", "单位", "镇里", "村里", "县里", "市里",
    };

    private static readonly string[] StopWords =
    [
        "反映", "网友", "群众", "市民", "村民", "居民", "业主", "家长", "患者", "投诉", "举报", "爆料", "网传", "今天", "昨天", "昨晚",
        "今晨", "近日", "日前", "上午", "下午", "晚上", "凌晨", "中午", "目前", "记者", "本报", "位于", "来自", "关于", "回应", "通报",
        "发生", "出现", "一家", "一所", "一个", "一名", "多名", "附近", "门口", "周边",
    ];

    // Common words that end like a place but name none.
    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal)
    {
        "城区", "辖区", "景区", "园区", "山区", "市区", "郊区", "地区", "社区", "小区", "街道", "道路", "马路", "公路", "铁路", "线路", "路段",
        "门路", "出路", "一路", "半路", "上路", "走路", "修路", "乡村", "农村", "城乡", "下乡", "回乡", "老乡", "家乡", "县城", "本县", "全县",
        "该县", "本镇", "全镇", "该镇", "城镇", "乡镇", "本村", "全村", "该村", "村村", "各村", "医院", "学校", "大学", "中学", "小学",
        "公司", "工厂", "厂", "市场", "超市", "广场", "公园", "花园", "家园", "诊所", "民办学校", "大街", "街", "街巷", "小巷", "新村",
        "酒店", "宾馆", "商场", "车站", "水库", "集团", "工地", "学院", "幼儿园", "卫生院", "派出所", "养老院", "敬老院", "工业园",
    };

    private static readonly System.Buffers.SearchValues<char> EndingStarts = System.Buffers.SearchValues.Create([.. Endings.Select(e => e.Ending[0]).Distinct()]);
    private static readonly System.Buffers.SearchValues<char> SurnameChars = System.Buffers.SearchValues.Create(Surnames);

    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    private static readonly string[] Honorifics = ["女士", "先生", "某某", "某", "师傅", "老师", "医生", "大爷", "大妈", "阿姨", "老人", "同学", "律师", "书记", "村长", "主任", "局长", "镇长", "县长", "校长", "院长", "经理", "老板"];

    private static readonly string[] PersonCues = ["村民", "市民", "居民", "患者", "业主", "家长", "网友", "教师", "医生", "司机", "工人", "学生", "老人", "店主", "村干部", "职工"];

    private const string Digits = "零〇一二两三四五六七八九";
    private static readonly int[] DigitValues = [0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly string[] Units =
        ["万元", "亿元", "元", "万", "亿", "名", "人", "户", "家", "辆", "吨", "亩", "平方米", "米", "公里", "岁", "天", "个月", "小时", "分钟", "头", "只", "间", "栋", "层", "楼", "起", "次", "件", "斤", "公斤"];

    /// <summary>The distinctive terms of normalised text (see <see cref="TextNormalizer.Normalize"/>), each once.</summary>
    public static IReadOnlyList<StoryTerm> Find(string normal)
    {
        var terms = new List<StoryTerm>();
        var seen = new HashSet<(StoryTermKind, string)>();
        void Add(StoryTerm term)
        {
            if (seen.Add((term.Kind, term.Key)))
            {
                terms.Add(term);
            }
        }

        for (var i = 0; i < normal.Length; i++)
        {
            var c = normal[i];
            if (!TextNormalizer.IsCjk(c) && !char.IsAsciiDigit(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || (Digits.Contains(c) && (i == 0 || !IsNumeral(normal[i - 1]))))
            {
                if (NumberAt(normal, i) is { } number)
                {
                    Add(number);
                    i = number.Start + number.Length - 1;
                    continue;
                }
            }

            if (PersonAt(normal, i) is { } person)
            {
                Add(person);
            }

            // An ending is used up once matched, so 小区 is not read again as …区 nor 人民医院 as 人民 + 医院.
            var (place, used) = PlaceEndingAt(normal, i);
            if (place is { } found)
            {
                Add(found);
            }

            i += Math.Max(used, 1) - 1;
        }

        return terms;
    }

    /// <summary>A place whose ending starts at <paramref name="at"/>: up to two name characters before it.</summary>
    private static (StoryTerm? Term, int Used) PlaceEndingAt(string normal, int at)
    {
        if (!EndingStarts.Contains(normal[at]))
        {
            return (null, 1);
        }

        foreach (var (ending, level) in Endings)
        {
            if (string.CompareOrdinal(normal, at, ending, 0, ending.Length) != 0)
            {
                continue;
            }

            // 村民, 村委会, 镇政府 still name the place before them; 路口 and 路段 too. Only 县城/村村 style doubles are skipped.
            var start = at;
            while (start > 0 && at - start < 2 && IsNameChar(normal[start - 1]) && !EndsStopWord(normal, start))
            {
                start--;
            }

            // 青山镇卫生院 is named by its town; 县人民医院 only by the word 县 (vague).
            if (start == at && level >= Hospital && at > 0 && IsEndingChar(normal[at - 1]))
            {
                start--;
                while (start > 0 && at - start < 3 && IsNameChar(normal[start - 1]) && !EndsStopWord(normal, start))
                {
                    start--;
                }
            }

            var name = normal[start..at];
            if (ending.Length == 1 && at > 0 && EndingWords.Contains(normal.Substring(at - 1, 2)))
            {
                return (null, 1);
            }

            if (NotNames.Contains(name))
            {
                return (null, ending.Length);
            }

            if (name.Length == 0 || NotPlaces.Contains(name + ending) || NotPlaces.Contains(name) || (level < Hospital && IsEndingChar(name[^1])))
            {
                return (null, ending.Length);
            }

            // A one-character name (县人民医院, 东路) is too short to tell two places apart, but still agrees.
            var kind = name.Length >= 2 && !(name.Length == 2 && IsEndingChar(name[^1])) ? StoryTermKind.Place : StoryTermKind.VaguePlace;
            return (new StoryTerm(kind, level, name + "|" + level, start, at + ending.Length - start), ending.Length);
        }

        return (null, 1);
    }

    private static bool IsNameChar(char c) => TextNormalizer.IsCjk(c) && !StopChars.Contains(c) && !IsEndingChar(c) && !Digits.Contains(c) && c != '十';

    private static bool IsEndingChar(char c) => c is '县' or '镇' or '乡' or '村' or '区' or '路' or '街';

    private static bool EndsStopWord(string normal, int end) =>
        StopWords.Any(w => end >= w.Length && string.CompareOrdinal(normal, end - w.Length, w, 0, w.Length) == 0);

    /// <summary>王女士, 李某, 刘某某, 张师傅; or a cue word and a name (村民张建国 → 张建).</summary>
    private static StoryTerm? PersonAt(string normal, int at)
    {
        var c = normal[at];
        if (!SurnameChars.Contains(c) || at + 1 >= normal.Length)
        {
            return null;
        }

        foreach (var honorific in Honorifics)
        {
            if (string.CompareOrdinal(normal, at + 1, honorific, 0, honorific.Length) == 0)
            {
                var gender = honorific is "女士" or "阿姨" or "大妈" ? "f" : honorific.StartsWith('某') ? "x" : "m";
                return new StoryTerm(StoryTermKind.Person, 0, c + gender, at, 1 + honorific.Length);
            }
        }

        var cued = PersonCues.Any(w => at >= w.Length && string.CompareOrdinal(normal, at - w.Length, w, 0, w.Length) == 0);
        return cued && at + 2 < normal.Length && TextNormalizer.IsCjk(normal[at + 1]) && TextNormalizer.IsCjk(normal[at + 2]) && !StopChars.Contains(normal[at + 1])
            ? new StoryTerm(StoryTermKind.Person, 0, normal.Substring(at, 2), at, 2)
            : null;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || Digits.Contains(c) || c is '十' or '百' or '千' or '万' or '亿' or '.';

    /// <summary>A number with a unit after it (余/多/近 allowed between); dates and times are left out.</summary>
    private static StoryTerm? NumberAt(string normal, int at)
    {
        var end = at;
        while (end < normal.Length && IsNumeral(normal[end]))
        {
            end++;
        }

        var text = normal[at..end];
        var after = end;
        while (after < normal.Length && normal[after] is '余' or '多' or '几' or ' ')
        {
            after++;
        }

        var unit = Units.FirstOrDefault(u => string.CompareOrdinal(normal, after, u, 0, u.Length) == 0);
        if (unit is null || Value(text) is not { } value || value < 2)
        {
            return null;
        }

        // 万 and 亿 may end the numeral itself (3万元); fold them into the value so 3万元 and 30000元 agree.
        var (amount, unitKey) = unit switch
        {
            "万元" => (value * 10_000, "元"),
            "亿元" => (value * 100_000_000, "元"),
            "万" or "亿" => (value * (unit == "万" ? 10_000 : 100_000_000), "x"),
            "人" or "名" => (value, "人"),
            _ => (value, unit),
        };
        return new StoryTerm(StoryTermKind.Number, 0, $"{amount:0.##}{unitKey}", at, after + unit.Length - at);
    }

    /// <summary>Arabic or Chinese numerals (3.5, 三千, 两百, 四十, 1万) as a value; null when it cannot be read.</summary>
    private static double? Value(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        double total = 0, section = 0, digit = 0;
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c == '.')
            {
                digits.Append(c);
                continue;
            }

            if (digits.Length > 0)
            {
                if (!double.TryParse(digits.ToString(), System.Globalization.CultureInfo.InvariantCulture, out digit))
                {
                    return null;
                }

                digits.Clear();
            }

            var small = Digits.IndexOf(c);
            if (small >= 0)
            {
                digit = DigitValues[small];
                continue;
            }

            switch (c)
            {
                case '十':
                    section += (digit == 0 ? 1 : digit) * 10;
                    break;
                case '百':
                    section += (digit == 0 ? 1 : digit) * 100;
                    break;
                case '千':
                    section += (digit == 0 ? 1 : digit) * 1000;
                    break;
                case '万':
                    total += (section + digit) * 10_000;
                    section = 0;
                    break;
                case '亿':
                    total += (section + digit) * 100_000_000;
                    section = 0;
                    break;
                default:
                    return null;
            }

            digit = 0;
        }

        if (digits.Length > 0 && !double.TryParse(digits.ToString(), System.Globalization.CultureInfo.InvariantCulture, out digit))
        {
            return null;
        }

        return total + section + digit;
    }
}

/// <summary>
/// Names in Latin script (City General Hospital, River Road): runs of capitalised words in running text, without a
/// leading article, weekday or month. Taken from the text only, since English headlines often capitalise every word.
/// </summary>
public static partial class LatinNames
{
    /// <summary>Place level of a Latin name: it agrees, but (not knowing what it names) never decides a conflict.</summary>
    public const int Level = 9;

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "Some", "About", "Around", "After", "Before", "This",
        "That", "These", "Those", "Patients", "People", "Workers", "Commuters", "Residents", "Police", "Officials",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
        "April", "May", "June", "July", "August", "September", "October", "November", "December",
    };

    public static IEnumerable<StoryTerm> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (System.Text.RegularExpressions.Match match in Capitalised().Matches(text))
        {
            var words = match.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(NotNames.Contains).ToList();
            var sentenceStart = match.Index == 0 || text[..match.Index].TrimEnd().EndsWith('.');
            if (words.Count >= 2 || (words.Count == 1 && words[0].Length >= 4 && !sentenceStart && !NotNames.Contains(words[0])))
            {
                yield return new StoryTerm(StoryTermKind.Place, Level, string.Join(' ', words).ToLowerInvariant() + "|" + Level, 0, 0);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")]
    private static partial System.Text.RegularExpressions.Regex Capitalised();
}
