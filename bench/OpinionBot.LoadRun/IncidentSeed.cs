using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Sources;
using OpinionBot.Storage;

namespace OpinionBot.LoadRun;

/// <summary>
/// Seeds a database with incidents as a year of work leaves them: spread over 365 days, nine in ten closed, each with
/// one appearance (title, link, fingerprint), its seen item and an audit line; inserted in batches of 2,000, with
/// the evidence cursor past them (as capturing each incident's page when it opened leaves it).
/// </summary>
internal static class IncidentSeed
{
    public static void Fill(string path, int count)
    {
        using var db = new OpinionDatabase(path);
        // A new database, as the worker makes one: the stores keep the register of unclosed incidents as they write, so
        // the worker's start finds nothing to upgrade (and the hold phase measures holding, not a one-time upgrade).
        Upgrades.Apply(db);
        var now = DateTimeOffset.UtcNow;
        var random = new Random(11);
        for (var start = 0; start < count; start += 2000)
        {
            var batch = Enumerable.Range(start, Math.Min(2000, count - start)).Select(i => Create(i, count, now, random)).ToList();
            db.Write(_ =>
            {
                db.Write(s => batch.ForEach(s.Incidents.Open));
                db.Write(s => s.SeenItems.Remember(batch.Select(x => new SeenItem { Id = x.Url, SourceName = x.SourceName, FirstSeen = x.Discovered })));
            });
        }

        // As a year of running leaves it: evidence was captured as each incident opened.
        db.Write(s => s.Counters.Set(OpinionBot.Reports.EvidenceBackup.CursorKey, count));
    }

    private static Incident Create(int i, int count, DateTimeOffset now, Random random)
    {
        var discovered = now - TimeSpan.FromDays(365.0 * (count - i) / count);
        var keyword = LoadWords.Keywords[random.Next(LoadWords.Keywords.Count)];
        var title = $"【{i}】{keyword}市民反映问题，相关部门回应称正在核实处理";
        var url = $"http://127.0.0.2/forum.php?mod=viewthread&tid={i}";
        var source = $"board{i % 1000}";
        var closed = i < count * 9 / 10;
        return new Incident
        {
            Number = $"{discovered.Year}-{i + 1:D6}",
            Title = title,
            Url = url,
            SourceName = source,
            Topics = [$"专题{random.Next(LoadWords.Topics)}"],
            Keywords = [keyword],
            Published = discovered,
            Discovered = discovered,
            Status = closed ? IncidentStatus.Closed : IncidentStatus.New,
            ClosedAt = closed ? discovered.AddDays(2) : null,
            Grade = (Grade)random.Next(3),
            GradeReason = "topic default",
            Appearances = [new Appearance { Url = url, Title = title, SourceName = source, Published = discovered, Discovered = discovered, Fingerprint = StoryFingerprint.Of(title, title).ToString() }],
            Audit = [new AuditEntry { At = discovered, Action = "open", To = IncidentStatus.New }],
        };
    }
}
