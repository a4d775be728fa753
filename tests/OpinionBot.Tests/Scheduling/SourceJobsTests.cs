using OpinionBot.Hosting;
using OpinionBot.Scheduling;
using OpinionBot.Settings;
using OpinionBot.Tests.Commands;
using Quartz;
using Xunit;

namespace OpinionBot.Tests.Scheduling;

public sealed class SourceJobsTests
{
    [Fact]
    public async Task ScheduleAllAsync_ConfiguredPresetTimes_FireAtThoseTimes()
    {
        using var bed = new ServiceTestBed(new()
        {
            ["Scheduling:MorningNoonEvening:0"] = "07:30",
            ["Scheduling:MorningNoonEvening:1"] = "21:15",
            ["Scheduling:Jitter"] = "00:00:00",
            ["Sources:0:Name"] = "county",
            ["Sources:0:Kind"] = "feed",
            ["Sources:0:Url"] = "https://news.example.invalid/rss",
            ["Sources:0:Schedule"] = "morning-noon-evening",
        });
        var scheduler = await bed.Get<ISchedulerFactory>().GetScheduler();
        try
        {
            await bed.Get<SourceJobs>().ScheduleAllAsync(CancellationToken.None);

            var triggers = await scheduler.GetTriggersOfJob(SourceJobs.KeyOf("county"));

            Assert.Equal(["0 15 21 ? * *", "0 30 7 ? * *"],
                triggers.OfType<ICronTrigger>().Select(t => t.CronExpressionString).Order(StringComparer.Ordinal));
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("noon")]
    public void Validate_MalformedPresetTime_NamesTheSetting(string time)
    {
        var result = new SchedulingOptionsValidation().Validate(null, new OpinionBot.Scheduling.SchedulingOptions { MorningNoonEvening = ["08:00", time] });

        Assert.True(result.Failed);
        Assert.Contains("Scheduling:MorningNoonEvening", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(time, result.FailureMessage, StringComparison.Ordinal);
    }
}
