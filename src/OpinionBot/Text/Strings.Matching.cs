using OpinionBot.Matching;

namespace OpinionBot.Text;

/// <summary>Texts of keyword rules, sentiment, grading and story spread.</summary>
public sealed partial class Strings
{
    /// <summary>"第 12 个字符（“NEAR/x”）：…" — the position is 1-based for people.</summary>
    public string RuleError(RuleSyntaxError error)
    {
        var at = error.Token is { Length: > 0 } token
            ? Pick($"第 {error.Position + 1} 个字符（“{Shorten(token)}”）", $"at character {error.Position + 1} ('{Shorten(token)}')")
            : Pick($"第 {error.Position + 1} 个字符", $"at character {error.Position + 1}");
        return Pick($"{at}：{RuleProblem(error.Kind)}", $"{at}: {RuleProblem(error.Kind)}");
    }

    public string RuleProblem(RuleErrorKind kind) => kind switch
    {
        RuleErrorKind.Empty => Pick("规则为空", "the rule is empty"),
        RuleErrorKind.UnclosedQuote => Pick("引号没有闭合", "the quotation mark is never closed"),
        RuleErrorKind.EmptyPhrase => Pick("引号内没有文字", "the quoted phrase is empty"),
        RuleErrorKind.UnclosedParenthesis => Pick("左括号没有对应的右括号", "this parenthesis is never closed"),
        RuleErrorKind.UnexpectedCloseParenthesis => Pick("多余的右括号", "this closing parenthesis has no opening one"),
        RuleErrorKind.EmptyParentheses => Pick("括号内为空", "the parentheses are empty"),
        RuleErrorKind.MissingOperand => Pick("运算符两侧缺少关键词", "a keyword is missing beside this operator"),
        RuleErrorKind.BadNearDistance => Pick(
            $"NEAR 需要 0–{RuleLexerLimits.MaxNearDistance} 的距离，例如 NEAR/5",
            $"NEAR needs a distance from 0 to {RuleLexerLimits.MaxNearDistance}, e.g. NEAR/5"),
        RuleErrorKind.NearNeedsWords => Pick(
            "NEAR 两侧只能是关键词或 (词1|词2)",
            "NEAR takes a keyword or (word1|word2) on each side"),
        RuleErrorKind.MisplacedWildcard => Pick("* 只能放在词尾，表示前缀匹配", "* is only allowed at the end of a word (prefix match)"),
        RuleErrorKind.ScopeWithoutTerm => Pick("范围限定后缺少关键词", "a keyword must follow the scope"),
        RuleErrorKind.MatchesWithoutWords => Pick(
            "规则只有排除条件，会命中几乎所有内容；请加入至少一个必须出现的关键词",
            "the rule only excludes words, so it would match almost everything; add at least one required keyword"),
        _ => kind.ToString(),
    };

    /// <summary>"专题“医院投诉”的规则有误：…"</summary>
    public string TopicRuleInvalid(string topic, string field, string problem) =>
        Pick($"专题“{topic}”的 {field} 有误：{problem}", $"Topic '{topic}', {field}: {problem}");

    public string TopicHasNoWords(string topic) =>
        Pick($"专题“{topic}”没有关键词：请填写 Keywords 或 Rule", $"Topic '{topic}' has no keywords: set Keywords or Rule");

    public string LexiconBadLine(string file, int line, string text) =>
        Pick($"词库 {file} 第 {line} 行无法识别：“{Shorten(text)}”（格式：词 权重，或 [段名]）",
            $"Lexicon {file}, line {line} is not understood: '{Shorten(text)}' (expected: word weight, or [section])");

    /// <summary>"负面: 投诉, 拖欠工资" on the card.</summary>
    public string NegativeBecause(IEnumerable<string> words) =>
        Pick($"负面: {string.Join(", ", words)}", $"Negative: {string.Join(", ", words)}");

    /// <summary>"较大：负面 + 3 个来源 2 小时内"; just the grade when nothing raised it.</summary>
    public string GradeReason(Incidents.Grade grade, IReadOnlyList<string> parts) =>
        parts.Count == 0 ? GradeName(grade) : Pick($"{GradeName(grade)}：{string.Join(" + ", parts)}", $"{GradeName(grade)}: {string.Join(" + ", parts)}");

    public string GradeFactorText(GradeFactor factor, GradeInput input, TimeSpan window) => factor switch
    {
        GradeFactor.TopicDefault => Pick("专题默认等级", "topic default"),
        GradeFactor.Negative => Pick("负面", "negative"),
        GradeFactor.NegativeScore => Pick($"负面程度 {input.Sentiment.Score:0.#}", $"negativity {input.Sentiment.Score:0.#}"),
        GradeFactor.SourceWeight => Pick($"重要来源（权重 {input.SourceWeight:0.#}）", $"important source (weight {input.SourceWeight:0.#})"),
        GradeFactor.Sources => Pick($"{input.Sources} 个来源 {WindowText(window)}内", $"{input.Sources} sources within {WindowText(window)}"),
        GradeFactor.Replies => Pick($"{input.Replies} 条回复", $"{input.Replies} replies"),
        GradeFactor.Views => Pick($"{input.Views} 次浏览", $"{input.Views} views"),
        _ => factor.ToString(),
    };

    /// <summary>"2 小时" / "2 hours", "30 分钟" / "30 minutes", "3 天" / "3 days".</summary>
    public string WindowText(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? Pick($"{span.TotalDays:0} 天", $"{span.TotalDays:0} {(span.TotalDays == 1 ? "day" : "days")}")
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Pick($"{span.TotalHours:0} 小时", $"{span.TotalHours:0} {(span.TotalHours == 1 ? "hour" : "hours")}")
        : Pick($"{span.TotalMinutes:0} 分钟", $"{span.TotalMinutes:0} minutes");

    /// <summary>"传播扩大：2 → 4 个来源（2 小时内）"</summary>
    public string SpreadRose(int before, int after, TimeSpan window) =>
        Pick($"传播扩大：{before} → {after} 个来源（{WindowText(window)}内）", $"spread widened: {before} → {after} sources (within {WindowText(window)})");

    /// <summary>"等级上调：一般 → 较大"</summary>
    public string GradeRose(Incidents.Grade before, Incidents.Grade after) =>
        Pick($"等级上调：{GradeName(before)} → {GradeName(after)}", $"grade raised: {GradeName(before)} → {GradeName(after)}");

    public string JoinChanges(IEnumerable<string> changes) => string.Join(Pick("；", "; "), changes);

    /// <summary>The topic name a focused-monitoring match shows: "重点监控 2026-0042".</summary>
    public string WatchTopicName(string incidentNumber) => Pick($"重点监控 {incidentNumber}", $"Focused watch {incidentNumber}");

    private static string Shorten(string token) => token.Length <= 20 ? token : token[..20] + "…";
}
