using Microsoft.Extensions.Time.Testing;
using OpinionBot.Scheduling;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Quartz;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class SourceScheduleTests
{
    private static readonly JobKey Job = new("board", "sources");

    [Theory]
    [InlineData("morning-noon-evening", true)]
    [InlineData("every 10m", true)]
    [InlineData("0 0/10 * * * ?", true)]
    [InlineData("every", false)]
    [InlineData("sometimes", false)]
    public void TryParse_Table(string text, bool ok) => Assert.Equal(ok, SourceSchedule.TryParse(text, out _, out _));

    [Fact]
    public void CreateTriggers_Preset_FiresAtLocalTimesInSourceZone()
    {
        Assert.True(SourceSchedule.TryParse("morning-noon-evening", out var schedule, out _));
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 20, 0, 30, 0, TimeSpan.Zero));

        var triggers = schedule.CreateTriggers(Job, SourceFixtures.China, TimeSpan.Zero, time);

        // 00:30 UTC is 08:30 in China: next come noon and 18:00 today, then 08:00 tomorrow.
        var fires = triggers.Select(t => t.GetFireTimeAfter(time.GetUtcNow())!.Value.ToOffset(TimeSpan.FromHours(8))).Order();
        Assert.Equal(
            [new DateTimeOffset(2024, 5, 20, 12, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2024, 5, 20, 18, 0, 0, TimeSpan.FromHours(8)),
             new DateTimeOffset(2024, 5, 21, 8, 0, 0, TimeSpan.FromHours(8))],
            fires);
    }

    [Fact]
    public void CreateTriggers_ConfiguredTimesAndJitter_ShiftsWithinJitter()
    {
        Assert.True(SourceSchedule.TryParseTimes(["07:30", "19:00"], out var times, out _));
        Assert.True(SourceSchedule.TryParse("morning-noon-evening", times, out var schedule, out _));

        var triggers = schedule.CreateTriggers(Job, SourceFixtures.China, TimeSpan.FromSeconds(50), new FakeTimeProvider(), new Random(3));

        Assert.Equal(2, triggers.Count);
        var cron = Assert.IsAssignableFrom<ICronTrigger>(triggers[0]);
        Assert.Matches(@"^\d{1,2} 30 7 \? \* \*$", cron.CronExpressionString);
        Assert.Equal(SourceFixtures.China, cron.TimeZone);
    }

    [Fact]
    public void CreateTriggers_Interval_RepeatsAndStartsWithinJitter()
    {
        Assert.True(SourceSchedule.TryParse("every 10m", out var schedule, out _));
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 20, 0, 0, 0, TimeSpan.Zero));

        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(schedule.CreateTriggers(Job, SourceFixtures.China, TimeSpan.FromSeconds(30), time).Single());

        Assert.Equal(TimeSpan.FromMinutes(10), trigger.RepeatInterval);
        Assert.InRange(trigger.StartTimeUtc - time.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void HeightenedPeriod_IsActiveUntilItsEnd_AndIsStored()
    {
        var folder = Directory.CreateTempSubdirectory("heightened-").FullName;
        try
        {
            using var db = TestDatabases.Open(Path.Combine(folder, "h.db"));
            var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 20, 0, 0, 0, TimeSpan.Zero));
            var periods = new HeightenedPeriods(db, time);

            periods.Start(time.GetUtcNow().AddHours(2), TimeSpan.FromMinutes(2), "两会");
            var during = periods.Current();
            var trigger = SourceSchedule.CreateHeightenedTrigger(Job, during!, TimeSpan.Zero, time);
            time.Advance(TimeSpan.FromHours(3));

            Assert.NotNull(during);
            Assert.True(during.IsActive(time.GetUtcNow().AddHours(-2)));
            Assert.Null(periods.Current());
            Assert.Equal(during.Until, trigger.EndTimeUtc);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
