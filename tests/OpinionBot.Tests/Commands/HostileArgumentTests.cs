using Microsoft.Extensions.Time.Testing;
using OpinionBot.Duty;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Commands;

/// <summary>Arguments at the edges must get a clear answer and leave state sound (second review's findings).</summary>
public sealed class HostileArgumentTests : IAsyncLifetime
{
    private CommandChat _chat = null!;

    public async Task InitializeAsync() => _chat = await CommandChat.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Theory]
    [InlineData("1e999")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1")]
    public void SourceWeight_NotAPositiveFiniteNumber_IsRefused(string weight) =>
        Assert.False(SourceFields.Apply(new SourceDefinition { Name = "x" }, "weight", weight));

    [Fact]
    public async Task LedgerWithYear9999_AnswersWithUsage_InsteadOfSilence()
    {
        var reply = await _chat.SayAsync(BotHarness.TeamChat, BotHarness.Officer, "/ledger 2026-01-01 9999-12-31");

        Assert.Contains("/ledger", reply.Text);
    }

    [Fact]
    public async Task HeightenedWithAnIntervalLongerThanAnHour_IsRefused()
    {
        await _chat.SayAsync(BotHarness.TeamChat, BotHarness.Supervisor, "/heightened on 6h 2h");

        Assert.Null(_chat.Bot.Database.Read(s => s.HeightenedPeriods.Stored()));
    }

    [Fact]
    public async Task TopicWithAQuotedNameContainingASpace_KeepsItsKeywords()
    {
        await _chat.SayAsync(BotHarness.TeamChat, BotHarness.Supervisor, "/topics add \"Road works\" 道路,施工");

        var stored = _chat.Bot.Database.Read(s => s.TopicCatalog.All());
        var topic = Assert.Single(stored).Definition!;
        Assert.Equal("Road works", topic.Name);
        Assert.Null(topic.Rule);
        Assert.Contains("道路", topic.Keywords);
    }

    [Fact]
    public async Task OpenMode_MakingYourselfAMember_IsRefused_SoTheTeamIsNotLockedOut()
    {
        await using var bot = await BotHarness.CreateAsync();
        bot.OpenAccess = true;
        bot.Site.Set("/feed.xml", OpinionBot.Tests.Support.TestFeeds.Rss());
        await bot.StartAsync();

        bot.Api.InjectMessage(BotHarness.TeamChat, 777, "/members add 777 成员", firstName: "王主任");
        var id = bot.Api.ChatHistory(BotHarness.TeamChat).Last(m => m.FromUserId == 777).MessageId;
        var reply = await bot.Api.WaitForMessageAsync(BotHarness.TeamChat, m => m.ReplyToMessageId == id, CommandChat.Patience);

        Assert.Contains("没有任何分管领导", reply.Text);
        Assert.Equal(0, bot.Database.Read(s => s.People.Members().Count));
    }

    [Fact]
    public void ShorterShiftInsideALongOne_WhenItEnds_TheLongShiftResumesAsANewTurn()
    {
        var folder = Directory.CreateTempSubdirectory("opinionbot-roster").FullName;
        using var db = TestDatabases.Open(Path.Combine(folder, "roster.db"));
        var day = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(day);
        db.Write(s =>
        {
            s.Duty.AddShift(new DutyShift { UserId = 1, Start = day.AddHours(8), End = day.AddHours(20) });
            s.Duty.AddShift(new DutyShift { UserId = 2, Start = day.AddHours(10), End = day.AddHours(12) });
        });
        var roster = new DutyRoster(db, clock, TimeZoneInfo.Utc);

        var afterBreak = roster.At(day.AddHours(12.5))!;

        Assert.Equal(1, afterBreak.UserId);
        Assert.Equal(day.AddHours(12), afterBreak.Start);
    }
}
