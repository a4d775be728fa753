using System.Globalization;
using System.Text;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.People;
using OpinionBot.Scheduling;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>
/// <c>/sources</c>: the paged list with each source's state; <c>add</c>, <c>edit</c>, <c>pause</c>, <c>resume</c>,
/// <c>remove</c> change the catalog and reschedule at once; <c>test</c> reads a source once and shows what
/// <c>check</c> shows. Changes are validated exactly as the settings are at start.
/// </summary>
public sealed class SourceCommands(
    SourceCatalog catalog,
    TopicCatalog topics,
    SourceJobs jobs,
    SourceLines lines,
    ISourceReader reader,
    SafeFetcher fetcher,
    OpinionDatabase db,
    Outbox outbox,
    ILogger<SourceCommands> logger) : ICommandFamily, ICommandButtons
{
    private const int PageSize = 15;
    private const int TestItems = 5;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("sources", t => t.SourcesDescription, t => t.SourcesUsage) { Required = Role.Supervisor, Menu = Role.Supervisor },
    ];

    public string Key => "src";

    public void Handle(CommandRequest request)
    {
        var words = ArgumentWords.Split(request.Arguments);
        if (words.Count == 0)
        {
            request.Reply(Page(0, request.Text, out var buttons), buttons);
            return;
        }

        var verb = words[0].ToLowerInvariant();
        var rest = words.Skip(1).ToList();
        switch (verb)
        {
            case "add" or "添加": Add(request, rest); break;
            case "edit" or "修改": Edit(request, rest); break;
            case "pause" or "暂停": Switch(request, rest, enabled: false); break;
            case "resume" or "恢复": Switch(request, rest, enabled: true); break;
            case "remove" or "删除": Remove(request, rest); break;
            case "test" or "测试": Test(request, rest); break;
            default: request.ReplyUsage(); break;
        }
    }

    public string Press(ButtonRequest request)
    {
        if (!int.TryParse(request.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var page))
        {
            return request.Text.BadButton;
        }

        request.Edit(Page(page, request.Text, out var buttons), buttons);
        return "";
    }

    private void Add(CommandRequest request, List<string> words)
    {
        if (words.Count < 3)
        {
            request.ReplyUsage();
            return;
        }

        if (catalog.Find(words[0]) is not null)
        {
            request.Reply(request.Text.SourceExists(TypedText.Echo(words[0])));
            return;
        }

        var source = new SourceDefinition { Name = words[0], Kind = words[1].ToLowerInvariant(), Url = words[2] };
        var schedule = words.Skip(3).Where(w => !ArgumentWords.TryField(w, out _, out _)).ToList();
        if (schedule.Count > 0)
        {
            source.Schedule = string.Join(' ', schedule);
        }

        if (Fields(request, source, words.Skip(3)) && Valid(request, source))
        {
            Save(request, source, request.Text.SourceAdded(CardRenderer.Html(source.Name)));
        }
    }

    private void Edit(CommandRequest request, List<string> words)
    {
        if (words.Count < 2 || Existing(request, words[0]) is not { } source)
        {
            if (words.Count < 2)
            {
                request.ReplyUsage();
            }

            return;
        }

        if (words.Skip(1).Any(w => !ArgumentWords.TryField(w, out _, out _)))
        {
            request.ReplyUsage(request.Text.FieldsOnly(string.Join(" ", SourceFields.Names)));
            return;
        }

        if (Fields(request, source, words.Skip(1)) && Valid(request, source))
        {
            Save(request, source, request.Text.SourceSaved(CardRenderer.Html(source.Name)));
        }
    }

    private void Switch(CommandRequest request, List<string> words, bool enabled)
    {
        if (words.Count != 1)
        {
            request.ReplyUsage();
            return;
        }

        if (Existing(request, words[0]) is { } source)
        {
            source.Enabled = enabled;
            var name = CardRenderer.Html(source.Name);
            Save(request, source, enabled ? request.Text.SourceResumed(name) : request.Text.SourcePausedNow(name));
        }
    }

    private void Remove(CommandRequest request, List<string> words)
    {
        if (words.Count != 1)
        {
            request.ReplyUsage();
            return;
        }

        if (Existing(request, words[0]) is { } source)
        {
            catalog.Remove(source.Name, request.UserId);
            request.Reply(request.Text.SourceRemoved(CardRenderer.Html(source.Name)));
            _ = jobs.Reschedule(source.Name);
        }
    }

    private void Test(CommandRequest request, List<string> words)
    {
        if (words.Count == 0)
        {
            request.ReplyUsage();
            return;
        }

        SourceDefinition? source;
        var rest = words.Skip(1).ToList();
        if (Uri.TryCreate(words[0].Replace("{keyword}", "k", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            source = new SourceDefinition { Name = "test", Url = words[0], Kind = "" };
            if (rest.Count > 0 && !ArgumentWords.TryField(rest[0], out _, out _))
            {
                source.Kind = rest[0].ToLowerInvariant();
                rest.RemoveAt(0);
            }
        }
        else if ((source = Existing(request, words[0])) is null)
        {
            return;
        }

        if (!Fields(request, source, rest))
        {
            return;
        }

        if (source.Kind.Length == 0)
        {
            // As the check command guesses it.
            source.Kind = source.Url.Contains("{keyword}", StringComparison.Ordinal) ? SourceKinds.Search
                : string.IsNullOrEmpty(source.Selectors.Item) ? SourceKinds.Feed : SourceKinds.Html;
        }

        if (Valid(request, source))
        {
            // The read takes time: it runs after this update, and its answer is threaded under the command.
            _ = ReadAndReplyAsync(source, request.ChatId, request.Message.MessageId, request.Text);
        }
    }

    private Task ReadAndReplyAsync(SourceDefinition source, long chatId, int messageId, Strings text) => Task.Run(async () =>
    {
        string reply;
        try
        {
            // Never with the stored ETag/Last-Modified: a healthy source must show its items, not "304 unchanged".
            var reading = await reader.ReadAsync(source, topics.SearchKeywords(), CancellationToken.None, useStoredValidators: false);
            reply = CheckCommand.Describe(text, reading, TestItems);
        }
        catch (Exception ex)
        {
            logger.LogInformation("Testing source {Source} failed: {Error}", source.Name, ex.Message);
            reply = text.CheckFailed(ex.Message);
        }

        db.Write(_ => outbox.Send(chatId, text.SourceTestHeading(CardRenderer.Html(source.Name)) + "\n" +
            CardRenderer.Html(CardRenderer.Shorten(reply.TrimEnd(), 3500)), replyTo: messageId));
    });

    private SourceDefinition? Existing(CommandRequest request, string name)
    {
        if (catalog.Find(name) is { } source)
        {
            return source;
        }

        request.Reply(request.Text.NoSuchSource(TypedText.Echo(name)));
        return null;
    }

    private static bool Fields(CommandRequest request, SourceDefinition source, IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            if (ArgumentWords.TryField(word, out var key, out var value) && !SourceFields.Apply(source, key, value))
            {
                request.ReplyUsage(request.Text.BadField(TypedText.Echo(word), string.Join(" ", SourceFields.Names)));
                return false;
            }
        }

        return true;
    }

    /// <summary>The settings check, then the address guard at once: a private address is refused now, not at the first poll.</summary>
    private bool Valid(CommandRequest request, SourceDefinition source)
    {
        var problem = SourceDefinitionCheck.Problem(source, "Sources:" + source.Name) ?? fetcher.Refusal(new Uri(source.Url.Replace("{keyword}", "k", StringComparison.Ordinal)));
        if (problem is null)
        {
            return true;
        }

        request.ReplyUsage(request.Text.SourceInvalid(CardRenderer.Html(problem)));
        return false;
    }

    private void Save(CommandRequest request, SourceDefinition source, string answer)
    {
        catalog.Save(source, request.UserId);
        request.Reply(answer);
        _ = jobs.Reschedule(source.Name);
    }

    private string Page(int page, Strings text, out List<List<ButtonSpec>>? buttons)
    {
        var all = catalog.All();
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 0, pages - 1);
        var html = new StringBuilder(text.SourcesListHeading(all.Count, page + 1, pages));
        foreach (var source in all.Skip(page * PageSize).Take(PageSize))
        {
            html.Append('\n').Append(lines.Line(source, text)).Append(" · ").Append(CardRenderer.Html(source.Kind))
                .Append(" · ").Append(CardRenderer.Html(source.Schedule));
        }

        var row = new List<ButtonSpec>();
        if (page > 0)
        {
            row.Add(new ButtonSpec(text.PreviousPage, $"/{Key}:{page - 1}"));
        }

        if (page < pages - 1)
        {
            row.Add(new ButtonSpec(text.NextPage, $"/{Key}:{page + 1}"));
        }

        buttons = row.Count == 0 ? null : [row];
        return html.ToString();
    }
}
