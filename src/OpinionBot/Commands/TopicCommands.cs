using System.Text;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/topics</c>: the list; <c>add</c>, <c>edit</c>, <c>remove</c> change the topic catalog, and the matcher is
/// rebuilt at once. A broken rule is refused with the parser's message (position and what is wrong).
/// </summary>
public sealed class TopicCommands(TopicCatalog catalog) : ICommandFamily
{
    private const int MaxListed = 50;

    // Characters and words of the rule language: input with any of them is a rule, otherwise a list of keywords.
    private static readonly string[] RuleMarks = ["+", "|", "-", "(", ")", "（", "）", "\"", "“", ":", "：", " AND ", " OR ", " NOT ", "NEAR/"];

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("topics", t => t.TopicsDescription, t => t.TopicsUsage) { Required = Role.Supervisor, Menu = Role.Supervisor },
    ];

    public void Handle(CommandRequest request)
    {
        var words = ArgumentWords.Split(request.Arguments);
        if (words.Count == 0)
        {
            request.Reply(List(request));
            return;
        }

        switch (words[0].ToLowerInvariant())
        {
            case "add" or "添加" when words.Count >= 3:
                Add(request, words[1]);
                break;
            case "edit" or "修改" when words.Count >= 3:
                Edit(request, words[1], words.Skip(2));
                break;
            case "remove" or "删除" when words.Count == 2:
                if (catalog.Find(words[1]) is { } topic)
                {
                    catalog.Remove(topic.Name, request.UserId);
                    request.Reply(request.Text.TopicRemoved(CardRenderer.Html(topic.Name)));
                }
                else
                {
                    request.Reply(request.Text.NoSuchTopic(TypedText.Echo(words[1])));
                }

                break;
            default:
                request.ReplyUsage();
                break;
        }
    }

    private void Add(CommandRequest request, string name)
    {
        if (catalog.Find(name) is not null)
        {
            request.Reply(request.Text.TopicExists(TypedText.Echo(name)));
            return;
        }

        // Everything after the name, as typed: a rule keeps its spaces and quotes (and a quoted name is skipped whole).
        var body = AfterName(request.After(1)).Trim();
        var topic = new TopicDefinition { Name = name };
        if (RuleMarks.Any(m => (" " + body + " ").Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            topic.Rule = body;
        }
        else
        {
            topic.Keywords = [.. ArgumentWords.Split(body).SelectMany(ArgumentWords.List).Distinct()];
        }

        Save(request, topic, request.Text.TopicAdded(TypedText.Echo(name)));
    }

    private void Edit(CommandRequest request, string name, IEnumerable<string> fields)
    {
        if (catalog.Find(name) is not { } topic)
        {
            request.Reply(request.Text.NoSuchTopic(TypedText.Echo(name)));
            return;
        }

        foreach (var word in fields)
        {
            if (!ArgumentWords.TryField(word, out var key, out var value) || !Apply(topic, key, value))
            {
                request.ReplyUsage(request.Text.BadField(TypedText.Echo(word), "rule keywords exclude grade department"));
                return;
            }
        }

        Save(request, topic, request.Text.TopicSaved(CardRenderer.Html(topic.Name)));
    }

    private void Save(CommandRequest request, TopicDefinition topic, string answer)
    {
        if (catalog.Save(topic, request.UserId, request.Text) is { } problem)
        {
            request.ReplyUsage(request.Text.TopicRefused(CardRenderer.Html(problem)));
            return;
        }

        request.Reply(answer);
    }

    private static bool Apply(TopicDefinition topic, string key, string value)
    {
        switch (key)
        {
            case "rule": topic.Rule = value.Length == 0 ? null : value; return true;
            case "keywords": topic.Keywords = ArgumentWords.List(value); return true;
            case "exclude": topic.Exclude = ArgumentWords.List(value); return true;
            case "search": topic.SearchTerms = ArgumentWords.List(value); return true;
            case "department": topic.Department = value.Length == 0 ? null : value; return true;
            case "grade" when CommandWords.TryGrade(value, out var grade): topic.Grade = grade; return true;
            default: return false;
        }
    }

    private string List(CommandRequest request)
    {
        var text = request.Text;
        var all = catalog.All();
        var html = new StringBuilder(text.TopicsHeading(all.Count));
        foreach (var topic in all.Take(MaxListed))
        {
            var words = topic.Rule is { Length: > 0 } rule ? rule : string.Join(text.IsChinese ? "、" : ", ", topic.Keywords);
            html.Append("\n• <b>").Append(CardRenderer.Html(topic.Name)).Append("</b> · ").Append(text.GradeName(topic.Grade))
                .Append(topic.Department is { } d ? " · " + CardRenderer.Html(d) : "")
                .Append("\n  ").Append(CardRenderer.Html(CardRenderer.Shorten(words, 200)))
                .Append(topic.Exclude.Count > 0 ? "\n  " + text.TopicExcludes(CardRenderer.Html(string.Join("、", topic.Exclude))) : "");
        }

        if (all.Count > MaxListed)
        {
            html.Append('\n').Append(text.AndMore(all.Count - MaxListed));
        }

        return html.ToString();
    }

    /// <summary>The text after the first word, where a word in quotes ("…" or “…”) may hold spaces.</summary>
    private static string AfterName(string text)
    {
        var rest = text.TrimStart();
        if (rest.Length > 0 && rest[0] is '"' or '“')
        {
            var close = rest.IndexOfAny(['"', '”'], 1);
            return close < 0 ? "" : rest[(close + 1)..];
        }

        var space = rest.IndexOfAny([' ', '\t', '\n']);
        return space < 0 ? "" : rest[space..];
    }
}
