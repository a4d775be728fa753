using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpinionBot.Reports;
using Xunit;

namespace OpinionBot.Tests.Reports;

public sealed class ReportsOptionsTests
{
    private static ReportsOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section);
        return services.BuildServiceProvider().GetRequiredService<IOptions<ReportsOptions>>().Value;
    }

    [Fact]
    public void Bind_Section_ReadsTimesDaysAndCategories()
    {
        var options = Bind(new()
        {
            ["Reports:DailyAt"] = "16:45",
            ["Reports:WeeklyOn"] = "Friday",
            ["Reports:EvidenceCategories:信访"] = "XJ",
        });

        Assert.Equal((new TimeOnly(16, 45), DayOfWeek.Friday, "XJ"), (options.DailyAt, options.WeeklyOn, options.EvidenceCategories["信访"]));
        Assert.True(new ReportsOptionsValidation().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Reports:TimeZone", "Mars/Olympus", "Reports:TimeZone")]
    [InlineData("Reports:MonthlyOn", "31", "Reports:MonthlyOn")]
    [InlineData("Reports:EvidenceCategories:信访", "xj-1", "evidence category")]
    public void Validate_BadSetting_OneSentenceNamingIt(string key, string value, string named)
    {
        var result = new ReportsOptionsValidation().Validate(null, Bind(new() { [key] = value }));

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
    }
}
