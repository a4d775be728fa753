using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Sources;

namespace OpinionBot.Bench;

/// <summary>
/// Fetch-to-items: one read of a ~100 KB GBK Discuz!-style list page (200 threads) served by Kestrel on 127.0.0.1,
/// through the SafeFetcher, decoding and the HTML extractor.
/// </summary>
[MemoryDiagnoser]
// BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the fetcher.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "disposed in GlobalCleanup")]
public class FetchToItemsBenchmark
{
    private WebApplication _site = null!;
    private SafeFetcher _fetcher = null!;
    private SourceReader _reader = null!;
    private SourceDefinition _source = null!;

    public int PageBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        EncodingNames.Register();
        var page = Encoding.GetEncoding("gbk").GetBytes(ListPage(200));
        PageBytes = page.Length;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet("/list", () => Results.Bytes(page, "text/html; charset=gbk"));
        _site.StartAsync().GetAwaiter().GetResult();

        var options = Options.Create(new FetchingOptions { AllowList = ["127.0.0.0/8"], MinIntervalPerHost = TimeSpan.Zero });
        _fetcher = new SafeFetcher(options, TimeProvider.System);
        _reader = new SourceReader(_fetcher, options, TimeProvider.System, NullLogger<SourceReader>.Instance);
        _source = new SourceDefinition
        {
            Name = "bench",
            Kind = SourceKinds.Html,
            Url = _site.Urls.First() + "/list",
            Selectors = new SourceSelectors { Item = "tbody[id^=normalthread]", Title = "a.xst", Time = "td.by em", Author = "td.by cite", Replies = "td.num a", Views = "td.num em" },
        };
        Console.WriteLine($"// list page: {PageBytes / 1024} KB");
    }

    [Benchmark]
    public async Task<int> FetchToItems() => (await _reader.ReadAsync(_source, [], CancellationToken.None)).Items.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _fetcher.Dispose();
        _site.StopAsync().GetAwaiter().GetResult();
    }

    private static string ListPage(int threads)
    {
        var html = new StringBuilder("<html><head><meta charset=\"gbk\"><title>民生热线 - 本地论坛</title></head><body><table>");
        for (var i = 0; i < threads; i++)
        {
            html.Append($"""
                <tbody id="normalthread_{10000 + i}"><tr><td class="icn"><a href="forum.php?mod=viewthread&amp;tid={10000 + i}"><img src="i.gif"/></a></td>
                <th class="common"><a href="forum.php?mod=viewthread&amp;tid={10000 + i}&amp;extra=page%3D1" class="s xst">第{i}帖：县医院挂号排队三小时，市民反映投诉无门，希望有关部门尽快处理</a></th>
                <td class="by"><cite><a href="home.php?mod=space&amp;uid={i}">市民{i}</a></cite><em><span title="2024-5-20 11:{i % 60:00}">{i % 50 + 1}&nbsp;分钟前</span></em></td>
                <td class="num"><a class="xi2">{i}</a><em>{i * 7}</em></td></tr></tbody>
                """);
        }

        return html.Append("</table></body></html>").ToString();
    }
}
