using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Reports.Documents;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.Support;
using Xunit;
using static OpinionBot.Tests.EndToEnd.BotHarness;

namespace OpinionBot.Tests.Reports.Documents;

/// <summary>
/// Files are made by the sender, outside any transaction: a command stores only the order, with its request, so the
/// order survives a restart, and a file that cannot be made is not waited for in silence.
/// </summary>
public sealed class MadeOnDeliveryTests : IAsyncLifetime
{
    private const long DepartmentChat = -1009;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private CommandChat _chat = null!;

    public async Task InitializeAsync()
    {
        _chat = await CommandChat.StartAsync(settings =>
        {
            settings["Departments:0:Name"] = "卫健局";
            settings["Departments:0:Chat"] = DepartmentChat.ToString();
        });
        _chat.Bot.Database.Write(s => s.Counters.Set(OpinionBot.Reports.EvidenceBackup.CursorKey, long.MaxValue));
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Commands_StoreOnlyTheOrders_AndTheFilesStillArriveOnceAfterARestart()
    {
        var (incident, _) = await _chat.OpenAsync("医院投诉 订单测试", Grade.Major);
        _chat.Api.FailNext(1000, 502, method: "sendDocument");
        _chat.Api.FailNext(1000, 502, method: "sendPhoto");

        await _chat.SayAsync(TeamChat, Officer, $"/notice {incident.Number} 卫健局");
        // A file Telegram refuses holds its chat, answers included: only the orders are waited for.
        _chat.Type(TeamChat, Officer, $"/special {incident.Number}");
        _chat.Type(TeamChat, Officer, "/ledger");
        _chat.Type(TeamChat, Officer, "/report weekly");
        var kinds = new[] { DocumentKind.Notice, DocumentKind.Special, DocumentKind.Ledger, DocumentKind.TrendChart };
        await _chat.Api.WaitUntilAsync(() => Orders().Select(m => m.Document!.Kind).Distinct().Count() == kinds.Length, Patience);
        var orders = Orders();
        Assert.All(orders, m => Assert.Null(m.FileId)); // nothing was made inside the commands' transactions
        Assert.Contains(orders, m => m.ChatId == DepartmentChat && m.Document!.Kind == DocumentKind.Notice && m.Document.Department == "卫健局");
        var special = Assert.Single(orders, m => m.Document!.Kind == DocumentKind.Special && m.Document.Format == "docx");
        Assert.Equal(1, special.Document!.Heading!.Issue);
        var chart = Assert.Single(orders, m => m.Document!.Kind == DocumentKind.TrendChart);
        Assert.Equal(7, chart.Document!.Chart!.Count);
        Assert.Equal(1, chart.Document.Chart.Sum(d => d.Major)); // the counts the weekly text was written from

        await _chat.Bot.StopAsync();
        _chat.Api.ClearFailures();
        await _chat.Bot.StartAsync();

        await _chat.Api.WaitUntilAsync(() => _chat.Bot.Database.Read(s => s.Outbox.WaitingCount()) == 0, Patience);
        var team = _chat.Api.Messages(TeamChat);
        var ledger = Assert.Single(team, m => m.Kind == "document" && m.FileName!.EndsWith(".xlsx", StringComparison.Ordinal));
        Assert.Matches("^舆情台账 .*，共 [1-9][0-9]* 条$", ledger.Text); // the caption counts the rows, known once made
        Assert.Single(team, m => m.Kind == "photo" && m.FileName!.StartsWith("trend-", StringComparison.Ordinal));
        var specialDocx = Assert.Single(team, m => m.Kind == "document" && m.FileName == $"舆情专报_{incident.Number}.docx");
        Assert.Contains($"{DateTime.UtcNow.AddHours(8).Year}年第1期", Body(specialDocx));
        var notice = Assert.Single(_chat.Api.Messages(DepartmentChat), m => m.Kind == "document" && m.FileName!.EndsWith(".docx", StringComparison.Ordinal));
        Assert.Contains("抄告单位：卫健局", Body(notice));
        // (A file whose 502 came while it was being sent is headed 重发 after the restart: a 502 may come after Telegram
        // showed it. Here Telegram never did, so each arrived once, as the Single checks above say.)
    }

    [Fact]
    public async Task AFileThatCannotBeMade_IsTriedOnceMore_ThenTheChatIsToldAndItsQueueMovesOn()
    {
        var outbox = _chat.Bot.Services.GetRequiredService<Outbox>();
        var order = new DocumentOrder
        {
            Kind = DocumentKind.Notice,
            Format = "docx",
            AsOf = DateTimeOffset.UtcNow,
            IncidentId = 987_654, // no such incident: the file cannot be made
            Department = "卫健局",
            Heading = new OrderedHeading { Unit = "某县", Year = 2026, Signer = "赵主任", Date = "2026-12-01" },
        };
        _chat.Bot.Database.Write(_ =>
        {
            outbox.SendMade(TeamChat, OutboxKind.Document, "抄告单_坏.docx", order, "抄告单");
            outbox.Send(TeamChat, "排在后面的消息");
        });

        var told = await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text?.Contains("未能生成") == true, Patience);
        Assert.Contains("抄告单_坏.docx", told.Text);
        await _chat.Api.WaitForMessageAsync(TeamChat, m => m.Text == "排在后面的消息", Patience);
        var failed = _chat.Bot.Database.Read(s => s.Outbox.DeliveredAfter(DateTimeOffset.MinValue)).Single(m => m.FileName == "抄告单_坏.docx");
        Assert.True(failed.Failed);
        Assert.Equal(2, failed.Attempts); // made twice: once more after the first failure
        Assert.StartsWith("file not made", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(_chat.Api.Messages(TeamChat), m => m.FileName == "抄告单_坏.docx");
        var supervisors = await _chat.Api.WaitForMessageAsync(SupervisorsChat, m => m.Text?.Contains("未能生成，已放弃") == true, Patience);
        Assert.Contains("抄告单_坏.docx", supervisors.Text);

        // /status counts it with the refusals, in words that cover both.
        var status = await _chat.SayAsync(TeamChat, Officer, "/status");
        Assert.Contains("最近 24 小时有 1 条消息未送达：被 Telegram 拒收，或文件未能生成", status.Text);
    }

    private List<OutboxMessage> Orders() =>
        _chat.Bot.Database.Read(s => s.Outbox.Waiting()).Where(m => m.Document is not null).ToList();

    private static string Body(FakeMessage docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx.FileBytes!), false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }
}
