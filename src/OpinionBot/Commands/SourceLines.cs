using OpinionBot.Chat;
using OpinionBot.People;
using OpinionBot.Sources;
using OpinionBot.Text;

namespace OpinionBot.Commands;

/// <summary>One line per source with its state: ok (last check), failing since when, not checked yet, or paused.</summary>
public sealed class SourceLines(SourceHealthTracker health, CardRenderer renderer)
{
    public string Line(SourceDefinition source, Strings text)
    {
        var safe = CardRenderer.Html(source.Name);
        if (!source.Enabled)
        {
            return text.SourcePaused(safe);
        }

        return health.Get(source.Name) switch
        {
            { LastCheck: null } => text.SourceNotChecked(safe),
            { ConsecutiveFailures: > 0, ProblemSince: { } since } check => text.SourceFailing(safe, renderer.Time(since), check.ConsecutiveFailures,
                CardRenderer.Html(CardRenderer.Shorten(check.LastError ?? "", 80))),
            { LastCheck: { } last } => text.SourceOk(safe, renderer.Time(last)),
        };
    }
}
