namespace OpinionBot.Matching;

/// <summary>Where in an item a term must appear.</summary>
public enum RuleScope
{
    Anywhere,
    Title,
    Text,
}

/// <summary>A parsed keyword rule.</summary>
public abstract record RuleNode;

/// <summary>A word or quoted phrase. <see cref="Key"/> is its normalised form; <see cref="Prefix"/> is a trailing <c>*</c>.</summary>
public sealed record TermNode(string Text, string Key, bool Prefix, RuleScope Scope, int Position) : RuleNode;

public sealed record AndNode(RuleNode Left, RuleNode Right) : RuleNode;

public sealed record OrNode(RuleNode Left, RuleNode Right) : RuleNode;

public sealed record NotNode(RuleNode Inner) : RuleNode;

/// <summary>Both sides within <see cref="Distance"/> Chinese characters or Latin words of each other, in the same field.</summary>
public sealed record NearNode(RuleNode Left, RuleNode Right, int Distance) : RuleNode;

/// <summary>At least <see cref="Count"/> of the terms; used for focused-monitoring watches, not written by users.</summary>
public sealed record AtLeastNode(int Count, IReadOnlyList<TermNode> Terms) : RuleNode;

public static class RuleLexerLimits
{
    /// <summary>The largest n in NEAR/n.</summary>
    public const int MaxNearDistance = 500;
}
