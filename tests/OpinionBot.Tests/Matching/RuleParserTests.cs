using OpinionBot.Matching;
using OpinionBot.Text;
using Xunit;

namespace OpinionBot.Tests.Matching;

public sealed class RuleParserTests
{
    [Theory]
    [InlineData("投诉", "投诉")]
    [InlineData("医院 投诉", "(医院 & 投诉)")]
    [InlineData("医院+投诉", "(医院 & 投诉)")]
    [InlineData("医院 AND 投诉", "(医院 & 投诉)")]
    [InlineData("医院|卫生院", "(医院 | 卫生院)")]
    [InlineData("医院 OR 卫生院", "(医院 | 卫生院)")]
    [InlineData("(医院|卫生院)+(投诉|曝光|维权)-招聘", "(((医院 | 卫生院) & ((投诉 | 曝光) | 维权)) & !招聘)")]
    [InlineData("（医院｜卫生院）＋投诉－招聘", "(((医院 | 卫生院) & 投诉) & !招聘)")]
    [InlineData("医院 NOT 招聘", "(医院 & !招聘)")]
    [InlineData("a | b c", "(a | (b & c))")]
    [InlineData("\"wage arrears\" | 欠薪", "(wage arrears | 欠薪)")]
    [InlineData("“拖欠 工资”", "拖欠工资")]
    [InlineData("医院 NEAR/5 投诉", "(医院 ~5 投诉)")]
    [InlineData("(医院|学校) NEAR/10 (打人|殴打)", "((医院 | 学校) ~10 (打人 | 殴打))")]
    [InlineData("title:投诉", "title:投诉")]
    [InlineData("标题：投诉 + text:(医院|学校)", "(title:投诉 & (text:医院 | text:学校))")]
    [InlineData("complain*", "complain*")]
    [InlineData("ＡＢＣ", "abc")]
    [InlineData("and or not", "((and & or) & not)")]
    [InlineData("医院 、 投诉", "(医院 & 投诉)")]
    [InlineData("NOT NOT 医院", "!!医院")]
    public void Parse_ValidRule_BuildsTree(string rule, string expected)
    {
        Assert.Equal(expected, Show(RuleParser.Parse(rule)));
    }

    [Theory]
    [InlineData("", 0, RuleErrorKind.Empty)]
    [InlineData("   ", 0, RuleErrorKind.Empty)]
    [InlineData("医院 \"投诉", 3, RuleErrorKind.UnclosedQuote)]
    [InlineData("医院 \"\"", 3, RuleErrorKind.EmptyPhrase)]
    [InlineData("(医院|学校+投诉", 0, RuleErrorKind.UnclosedParenthesis)]
    [InlineData("医院)+投诉", 2, RuleErrorKind.UnexpectedCloseParenthesis)]
    [InlineData("医院+()", 3, RuleErrorKind.EmptyParentheses)]
    [InlineData("医院+", 2, RuleErrorKind.MissingOperand)]
    [InlineData("+医院", 0, RuleErrorKind.MissingOperand)]
    [InlineData("医院 OR OR 学校", 3, RuleErrorKind.MissingOperand)]
    [InlineData("医院 | | 学校", 3, RuleErrorKind.MissingOperand)]
    [InlineData("医院 NEAR 投诉", 3, RuleErrorKind.BadNearDistance)]
    [InlineData("医院 NEAR/x 投诉", 3, RuleErrorKind.BadNearDistance)]
    [InlineData("医院 NEAR/9999 投诉", 3, RuleErrorKind.BadNearDistance)]
    [InlineData("医院 NEAR/3", 3, RuleErrorKind.MissingOperand)]
    [InlineData("(a+b) NEAR/3 c", 6, RuleErrorKind.NearNeedsWords)]
    [InlineData("a NEAR/3 -b", 2, RuleErrorKind.NearNeedsWords)]
    [InlineData("comp*lain", 4, RuleErrorKind.MisplacedWildcard)]
    [InlineData("*", 0, RuleErrorKind.MisplacedWildcard)]
    [InlineData("title:", 0, RuleErrorKind.ScopeWithoutTerm)]
    [InlineData("title: +投诉", 0, RuleErrorKind.ScopeWithoutTerm)]
    [InlineData("-招聘", 0, RuleErrorKind.MatchesWithoutWords)]
    [InlineData("医院 | -招聘", 0, RuleErrorKind.MatchesWithoutWords)]
    public void TryParse_MalformedRule_ReportsPositionAndProblem(string rule, int position, RuleErrorKind kind)
    {
        Assert.False(RuleParser.TryParse(rule, out var node, out var error));
        Assert.Null(node);
        Assert.Equal(kind, error!.Kind);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Parse_MalformedRule_ThrowsWithMessageInTheUsersLanguage()
    {
        var zh = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("(医院|学校+投诉", Strings.Chinese));
        var en = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("(医院|学校+投诉", Strings.English));

        Assert.Equal("第 1 个字符（“(”）：左括号没有对应的右括号", zh.Message);
        Assert.Equal("at character 1 ('('): this parenthesis is never closed", en.Message);
        Assert.Equal(RuleErrorKind.UnclosedParenthesis, zh.Error!.Kind);
    }

    [Fact]
    public void Compile_TopicWithBrokenRule_NamesTheTopic()
    {
        TopicDefinition[] topics =
        [
            new() { Name = "好专题", Keywords = ["投诉"] },
            new() { Name = "医院投诉", Rule = "医院 NEAR/x 投诉" },
        ];

        var message = TopicMatcher.Validate(topics, Strings.Chinese);
        var thrown = Assert.Throws<RuleSyntaxException>(() => new TopicMatcher(topics, Strings.English));

        Assert.Equal("专题“医院投诉”的 Rule 有误：第 4 个字符（“NEAR/x”）：NEAR 需要 0–500 的距离，例如 NEAR/5", message);
        Assert.StartsWith("Topic '医院投诉', Rule: at character 4", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TopicWithoutWords_IsRejected()
    {
        var message = TopicMatcher.Validate([new TopicDefinition { Name = "空", Keywords = [" ", "、"] }], Strings.Chinese);

        Assert.Equal("专题“空”没有关键词：请填写 Keywords 或 Rule", message);
    }

    private static string Show(RuleNode node) => node switch
    {
        TermNode t => (t.Scope switch { RuleScope.Title => "title:", RuleScope.Text => "text:", _ => "" }) + t.Key + (t.Prefix ? "*" : ""),
        AndNode a => $"({Show(a.Left)} & {Show(a.Right)})",
        OrNode o => $"({Show(o.Left)} | {Show(o.Right)})",
        NotNode n => "!" + Show(n.Inner),
        NearNode n => $"({Show(n.Left)} ~{n.Distance} {Show(n.Right)})",
        _ => node.ToString()!,
    };
}
