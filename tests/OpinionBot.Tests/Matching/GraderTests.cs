using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class GraderTests
{
    private static readonly SentimentResult Negative = new(true, 4, ["投诉"]);
    private static readonly SentimentResult VeryNegative = new(true, 12, ["死亡", "食物中毒"]);
    private static readonly SentimentResult Neutral = SentimentResult.Neutral;

    public static TheoryData<GradeInput, Grade, string> DefaultRules => new()
    {
        { new GradeInput(Grade.General, Neutral), Grade.General, "一般" },
        { new GradeInput(Grade.General, Negative), Grade.General, "一般：负面" },
        { new GradeInput(Grade.General, Negative, Sources: 3), Grade.Larger, "较大：负面 + 3 个来源 2 小时内" },
        { new GradeInput(Grade.General, Neutral, Sources: 3), Grade.General, "一般" },
        { new GradeInput(Grade.General, Negative, SourceWeight: 3), Grade.Larger, "较大：负面 + 重要来源（权重 3）" },
        { new GradeInput(Grade.General, Neutral, Replies: 250), Grade.Larger, "较大：250 条回复" },
        { new GradeInput(Grade.General, Neutral, Views: 19_999), Grade.General, "一般" },
        { new GradeInput(Grade.General, Negative, Sources: 6), Grade.Major, "重大：负面 + 6 个来源 2 小时内" },
        { new GradeInput(Grade.General, Negative, Views: 150_000), Grade.Major, "重大：负面 + 150000 次浏览" },
        { new GradeInput(Grade.General, VeryNegative), Grade.General, "一般：负面" },
        { new GradeInput(Grade.Larger, Neutral), Grade.Larger, "较大：专题默认等级" },
        { new GradeInput(Grade.Major, Negative, Sources: 3), Grade.Major, "重大：专题默认等级 + 负面" },
        // Unknown engagement (the source gives no numbers) never satisfies an engagement rule.
        { new GradeInput(Grade.General, Negative, Replies: null, Views: null), Grade.General, "一般：负面" },
    };

    [Theory]
    [MemberData(nameof(DefaultRules))]
    public void Assess_DefaultRules_GradeAndReason(GradeInput input, Grade grade, string reason)
    {
        var assessment = new Grader(new GradingOptions(), Strings.Chinese).Assess(input);

        Assert.Equal(grade, assessment.Grade);
        Assert.Equal(reason, assessment.Reason);
    }

    [Fact]
    public void Assess_ConfiguredRules_ReplaceDefaultsAndSpeakEnglish()
    {
        var options = new GradingOptions
        {
            SpreadWindow = TimeSpan.FromMinutes(30),
            Rules =
            [
                new GradingRule { Grade = Grade.Major, Negative = true, MinSources = 2 },
                new GradingRule { Grade = Grade.Larger, MinNegativeScore = 10 },
            ],
        };
        var grader = new Grader(options, Strings.English);

        var major = grader.Assess(new GradeInput(Grade.General, Negative, Sources: 2));
        var general = grader.Assess(new GradeInput(Grade.General, Negative, SourceWeight: 5));

        Assert.Equal("Major: negative + 2 sources within 30 minutes", major.Reason);
        Assert.Equal(Grade.General, general.Grade);
        Assert.Equal("Larger: negativity 12", grader.Assess(new GradeInput(Grade.General, VeryNegative)).Reason);
    }

    [Theory]
    [InlineData(Grade.General, Grade.Larger, Grade.Larger)]
    [InlineData(Grade.Larger, Grade.General, Grade.Larger)]
    [InlineData(Grade.Major, Grade.Larger, Grade.Major)]
    [InlineData(Grade.Larger, Grade.Larger, Grade.Larger)]
    public void KeepHigher_NewAssessment_NeverLowersTheGrade(Grade current, Grade next, Grade expected)
    {
        var merged = GradeAssessment.KeepHigher(current, "old", new GradeAssessment(next, "new", []));

        Assert.Equal(expected, merged.Grade);
        Assert.Equal(next >= current ? "new" : "old", merged.Reason);
    }

    [Fact]
    public void Validate_RuleWithoutCondition_IsRejected()
    {
        var result = new GradingOptionsValidation().Validate(null, new GradingOptions { Rules = [new GradingRule { Grade = Grade.Major }] });

        Assert.True(result.Failed);
        Assert.Contains("Grading:Rules:0 has no condition", result.FailureMessage, StringComparison.Ordinal);
    }
}
