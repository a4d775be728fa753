namespace OpinionBot.Matching;

/// <summary>
/// The words a search source types into a site's search box for a topic. A search box knows no rule syntax, so a rule
/// gives its positive words one by one; the items found are then judged by the full rule like any other item.
/// </summary>
public static class TopicSearchTerms
{
    public static IEnumerable<string> Of(TopicDefinition topic)
    {
        var terms = topic.SearchTerms.Count > 0
            ? topic.SearchTerms
            : topic.Keywords.Concat(RuleParser.TryParse(topic.Rule, out var node, out _) && node is not null && !string.IsNullOrWhiteSpace(topic.Rule)
                ? Positive(node, negated: false) : []);
        return terms.Select(t => t.Trim().TrimEnd('*').Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The terms not under a NOT (an odd number of them): 医院, 卫生院, 投诉 of <c>(医院|卫生院)+投诉-招聘</c>.</summary>
    public static IEnumerable<string> Positive(RuleNode node, bool negated) => node switch
    {
        TermNode term => negated ? [] : [term.Text],
        AndNode and => Positive(and.Left, negated).Concat(Positive(and.Right, negated)),
        OrNode or => Positive(or.Left, negated).Concat(Positive(or.Right, negated)),
        NearNode near => Positive(near.Left, negated).Concat(Positive(near.Right, negated)),
        NotNode not => Positive(not.Inner, !negated),
        AtLeastNode atLeast => negated ? [] : atLeast.Terms.Select(t => t.Text),
        _ => [],
    };
}
