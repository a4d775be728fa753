using System.Text.Json;
using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class CheckCommandTests(SourceSiteFixture fixture) : IClassFixture<SourceSiteFixture>
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        using var output = new StringWriter();
        var code = await CheckCommand.RunAsync(args, output, CancellationToken.None);
        return (code, output.ToString());
    }

    [Fact]
    public async Task RunAsync_BoardWithSelectors_PrintsItemsAndEncoding()
    {
        var (code, output) = await Run(fixture.Site.Url("/board").AbsoluteUri, "--kind", "html", "--item", "tbody[id^=normalthread]",
            "--title", "a.xst", "--time", "td.by em", "--allow", "127.0.0.0/8");

        Assert.Equal(0, code);
        Assert.Contains("GB18030", output, StringComparison.Ordinal);
        Assert.Contains("1. 县医院挂号排队三小时，投诉无门", output, StringComparison.Ordinal);
        Assert.Contains("http://bbs.example.invalid/forum.php?mod=viewthread&tid=1203", output, StringComparison.Ordinal);
        Assert.Contains("2024-05-20 11:53 +08:00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Json_PrintsTitleUrlPublished()
    {
        var (code, output) = await Run(fixture.Site.Url("/f/feed.json").AbsoluteUri, "--json", "--allow", "127.0.0.0/8");

        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("JSON 第一条", rows[0].GetProperty("title").GetString());
        Assert.Equal("https://json.example.invalid/1", rows[0].GetProperty("url").GetString());
        Assert.Equal("2024-05-20T11:53:00+08:00", rows[0].GetProperty("published").GetString());
    }

    [Fact]
    public async Task RunAsync_LoopbackWithoutAllowList_RefusesWithReason()
    {
        var (code, output) = await Run(fixture.Site.Url("/f/feed.json").AbsoluteUri);

        Assert.Equal(1, code);
        Assert.Contains("loopback", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoUrl_PrintsUsage()
    {
        var (code, output) = await Run("--json");

        Assert.Equal(2, code);
        Assert.Contains("check", output, StringComparison.Ordinal);
    }
}
