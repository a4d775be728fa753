namespace OpinionBot.LoadRun;

/// <summary>The keywords of the load run's topics: 100 topics of 20 Chinese words, the same in the bot and the world.</summary>
internal static class LoadWords
{
    private const string Han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

    public const int Topics = 100;
    public const int WordsPerTopic = 20;

    public static IReadOnlyList<string> Keywords { get; } = Create();

    /// <summary>The keyword of the one 重大 topic (characters used nowhere else): the rounds' probes carry it.</summary>
    public const string Probe = "鲸鲨鳄鳗";

    /// <summary>Filler that matches no topic: letters outside the keyword alphabet.</summary>
    public const string Neutral = "ＡＢ今晨雾霭渐散诸君闲谈琐碎趣闻";

    // Characters outside the keyword alphabet, for text that tells threads apart without matching anything.
    private const string Other = "丐丑丙丛丝乒乓乔乖乞乳乾亏亥亨亩亭亮亲亿仁仆仇仍仔仗仙仲伍伏伐伞伟伦伪伯伴伸佛佣佩佳侄侈侍侣侦侨侮侯俊俏俐俘俭俯俱倍倒倔倘倚债倾偎偏偶偷傀傍储催傲傻僚僵僻儒兄兆兑兔兜兢兹兽冀冈冒冕冠冤冬冯冰冲冶冻净凄凉凌凑凛凝凡凤凭凯凰凳凶凸凹";

    /// <summary>Fourteen characters derived from <paramref name="id"/>, different for every thread.</summary>
    public static string Distinct(long id)
    {
        var chars = new char[14];
        var x = (ulong)id * 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < chars.Length; i++)
        {
            x ^= x >> 29;
            x *= 0xBF58476D1CE4E5B9UL;
            chars[i] = Other[(int)(x % (ulong)Other.Length)];
        }

        return new string(chars);
    }

    private static string[] Create()
    {
        var random = new Random(7);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < Topics * WordsPerTopic)
        {
            var chars = new char[3 + random.Next(2)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Han[random.Next(Han.Length)];
            }

            words.Add(new string(chars));
        }

        return [.. words];
    }
}
