using OpinionBot.Incidents;

namespace OpinionBot.Matching;

/// <summary>A keyword topic as configured under <c>Topics</c>.</summary>
public sealed class TopicDefinition
{
    public string Name { get; set; } = "";

    /// <summary>Any of these matches (case- and width-insensitive; a trailing <c>*</c> matches a word prefix).</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>
    /// A rule such as <c>(医院|卫生院)+(投诉|曝光|维权)-招聘</c> (see <see cref="RuleParser"/>). The topic matches when the
    /// rule or any keyword matches.
    /// </summary>
    public string? Rule { get; set; }

    /// <summary>
    /// What a <c>search</c> source queries for this topic. Empty: the <see cref="Keywords"/> plus the positive words of
    /// the <see cref="Rule"/> (never its excluded ones); see <see cref="TopicSearchTerms"/>.
    /// </summary>
    public List<string> SearchTerms { get; set; } = [];

    /// <summary>屏蔽词: when any of these appears anywhere in the item, the topic does not match.</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>The grade an item of this topic starts at before grading rules raise it.</summary>
    public Grade Grade { get; set; } = Grade.General;

    /// <summary>The department that handles this topic (谁主管、谁负责); null routes to the team.</summary>
    public string? Department { get; set; }
}
