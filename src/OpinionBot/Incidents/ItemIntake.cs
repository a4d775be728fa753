using Microsoft.Extensions.Options;
using OpinionBot.Hosting;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Text;

namespace OpinionBot.Incidents;

/// <summary>
/// Takes what a source listed and judges each new item (研判): topics, sentiment, story and grade. A new story opens
/// an incident; another appearance of a known story joins it, regrades it and records any worsening. Remembering the
/// item and changing the incident (with its cards in the outbox) is one transaction, so nothing is lost or doubled.
/// </summary>
public sealed class ItemIntake(
    OpinionDatabase db,
    ItemJudge judge,
    StoryIndex stories,
    Grader grader,
    IncidentService incidents,
    TimeProvider time,
    IOptionsMonitor<MonitoringOptions> options)
{
    /// <summary>Processes the items; returns the incidents opened (not those that only gained an appearance).</summary>
    public IReadOnlyList<Incident> Take(SourceDefinition source, IReadOnlyList<SourceItem> items)
    {
        var polledKey = $"source-polled:{source.Name}";
        var firstPoll = db.GetValue(polledKey) == 0;
        var now = time.GetUtcNow();
        var oldest = now - options.CurrentValue.InitialLookback;
        var opened = new List<Incident>();

        // Oldest first, so incident numbers follow publication order.
        foreach (var item in items.OrderBy(i => i.Published ?? DateTimeOffset.MaxValue))
        {
            var incident = db.Write(() =>
            {
                if (db.SeenItems.FindById(item.Url) is not null)
                {
                    return null;
                }

                db.SeenItems.Insert(new SeenItem { Id = item.Url, SourceName = source.Name, FirstSeen = now });
                if (firstPoll && item.Published < oldest)
                {
                    return null; // old news when a source is first added: remembered, not alerted
                }

                return judge.Judge(item) is { } judgement ? Place(source, item, judgement, now) : null;
            });
            if (incident is not null)
            {
                opened.Add(incident);
            }
        }

        if (firstPoll)
        {
            db.Write(() => db.SetValue(polledKey, 1));
        }

        return opened;
    }

    /// <summary>Joins the item to its story's incident, or opens a new one; returns the new incident if any.</summary>
    private Incident? Place(SourceDefinition source, SourceItem item, ItemJudgement judgement, DateTimeOffset now)
    {
        var appearance = new NewAppearance(item, source.Name, judgement.Topics, now)
        {
            Department = judgement.Department ?? source.Department,
            Negative = judgement.Sentiment.Negative,
            NegativeScore = judgement.Sentiment.Score,
            NegativeWords = judgement.Sentiment.Words,
            Rebuttals = judgement.Sentiment.Rebuttals,
            Fingerprint = judgement.Fingerprint.ToString(),
            Weight = source.Weight,
        };

        var story = OpenStory(judgement, now);
        if (story is not null)
        {
            Join(story, appearance, judgement);
            stories.Add(story.Id, judgement.Fingerprint, now);
            return null;
        }

        var assessment = grader.Assess(new GradeInput(judgement.TopicGrade, judgement.Sentiment, source.Weight, item.Replies, item.Views));
        var incident = incidents.Open(appearance with { Grade = assessment.Grade, GradeReason = assessment.Reason });
        stories.Add(incident.Id, judgement.Fingerprint, now);
        return incident;
    }

    /// <summary>
    /// The open incident this item's story belongs to. A closed story is forgotten by the index, so the next nearest
    /// story (or a new incident) gets the item instead of one closed incident shadowing it for the whole window.
    /// </summary>
    private Incident? OpenStory(ItemJudgement judgement, DateTimeOffset now)
    {
        while (stories.Find(judgement.Fingerprint, now) is { } id)
        {
            if (db.Incidents.FindById(id) is { Status: not IncidentStatus.Closed } story)
            {
                return story;
            }

            stories.Remove(id);
        }

        return judgement.WatchedIncidentId is { } watched && db.Incidents.FindById(watched) is { Status: not IncidentStatus.Closed } watchedStory
            ? watchedStory
            : null;
    }

    private void Join(Incident story, NewAppearance appearance, ItemJudgement judgement)
    {
        var before = StorySpread.Of(story.Appearances, grader.SpreadWindow);
        var beforeGrade = story.Grade;
        incidents.AddAppearance(story, appearance);

        var after = StorySpread.Of(story.Appearances, grader.SpreadWindow);
        var sentiment = judgement.Sentiment.Negative || !story.Negative ? judgement.Sentiment
            : new SentimentResult(story.Negative, story.NegativeScore, story.NegativeWords);
        var assessment = grader.Assess(new GradeInput(
            judgement.TopicGrade, sentiment, story.Appearances.Max(a => a.Weight),
            story.Appearances.Max(a => a.Replies), story.Appearances.Max(a => a.Views), after.Sources));
        var kept = GradeAssessment.KeepHigher(beforeGrade, story.GradeReason, assessment);
        if (story.Status != IncidentStatus.FalseAlarm &&
            StorySpread.Compare(before, beforeGrade, after, kept.Grade, Strings.For(options.CurrentValue.Culture)) is { } worsening)
        {
            incidents.Worsen(story, worsening.Description, kept.Grade, kept.Reason);
        }
    }
}
