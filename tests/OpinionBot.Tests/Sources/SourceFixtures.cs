using OpinionBot.Sources;

namespace OpinionBot.Tests.Sources;

/// <summary>The project's own small pages and feeds under Fixtures/Sources.</summary>
internal static class SourceFixtures
{
    public static readonly TimeZoneInfo China = TimeZones.Resolve("Asia/Shanghai");

    /// <summary>Noon plus a minute on 2024-05-20 in China: the fixtures' "now".</summary>
    public static readonly DateTimeOffset Now = new(2024, 5, 20, 12, 1, 0, TimeSpan.FromHours(8));

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Sources");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static string Text(string name, DocumentKind kind = DocumentKind.Html) =>
        TextDecoder.Decode(Bytes(name), null, kind).Text;

    public static SourceSelectors Discuz => new()
    {
        Item = "tbody[id^=normalthread], tbody[id^=stickthread]",
        Title = "a.xst",
        Time = "td.by em",
        Author = "td.by cite",
        Replies = "td.num a",
        Views = "td.num em",
    };

    public static SourceSelectors Tieba => new()
    {
        Item = "li.j_thread_list",
        Title = "a.j_th_tit",
        Time = ".threadlist_reply_date",
        Summary = ".threadlist_abs",
        Author = ".tb_icon_author",
        Replies = ".threadlist_rep_num",
    };

    public static SourceSelectors News => new() { Item = ".list li", Time = ".date", Summary = ".summary" };
}
