using LiteDB;
using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Hosting;
using OpinionBot.Incidents;
using OpinionBot.Settings;
using OpinionBot.Storage;
using OpinionBot.Storage.LiteDb;
using OpinionBot.Storage.Postgres;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary><c>migrate</c>: a LiteDB file filled through the stores reads back the same from PostgreSQL.</summary>
public sealed class MigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-migrate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public void Copy_MovesEveryTableAndFile_DocumentForDocument()
    {
        var connectionString = database.Open();
        var file = Fill();
        using var source = new LiteEngine(file);
        using var target = PostgresEngine.Open(connectionString);

        var report = Migration.Copy(source, target);

        Assert.Equal(1203, report.Tables.Single(t => t.Table == "incidents").Documents);
        Assert.Equal(2, report.Tables.Single(t => t.Table == "outbox").Documents);
        Assert.Equal(2, report.Files);
        using var from = source.Begin(write: false);
        using var to = target.Begin(write: false);
        foreach (var table in Tables.All)
        {
            Assert.Equal(Canonical(from.Table<BsonDocument>(table).All()), Canonical(to.Table<BsonDocument>(table).All()));
        }

        Assert.Equivalent(from.Table<Incident>(Tables.Incidents).Get(1200L), to.Table<Incident>(Tables.Incidents).Get(1200L), strict: true);
        Assert.Equivalent(from.Table<OutboxMessage>(Tables.Outbox).All(), to.Table<OutboxMessage>(Tables.Outbox).All(), strict: true);
        Assert.Equal(from.Files.List(), to.Files.List(), new StoredFileComparer());
        Assert.Equal(from.Files.Download("evidence/1/shot.png"), to.Files.Download("evidence/1/shot.png"));
    }

    [SkippableFact]
    public void Copy_OfAnEarlierVersionsFile_IntoADatabaseThisVersionOpened_IsUpgradedAtTheNextStart()
    {
        // The nodes were started on the empty database first (so it is marked upgraded), then an older file migrated in.
        var connectionString = database.Open();
        using (var first = new OpinionDatabase(PostgresEngine.Open(connectionString)))
        {
            Upgrades.Apply(first);
        }

        var file = Path.Combine(_folder, "earlier.db");
        using (var earlier = new LiteEngine(file))
        {
            earlier.Database.GetCollection(Tables.Incidents.Name).Insert(
                earlier.Mapper.ToDocument(new Incident { Id = 7, Number = "2025-0007", Title = "旧", Status = IncidentStatus.Claimed }));
        }

        using (var source = new LiteEngine(file))
        using (var target = PostgresEngine.Open(connectionString))
        {
            Migration.Copy(source, target);
        }

        using var db = new OpinionDatabase(PostgresEngine.Open(connectionString));
        Upgrades.Apply(db);
        Assert.Equal([7L], db.Read(s => s.Incidents.WatchedIds())); // its deadlines are watched
    }

    [SkippableFact]
    public void Copy_AfterwardsTheStoresWorkOnPostgres()
    {
        var connectionString = database.Open();
        var file = Fill();
        using (var source = new LiteEngine(file))
        using (var target = PostgresEngine.Open(connectionString))
        {
            Migration.Copy(source, target);
        }

        using var db = new OpinionDatabase(PostgresEngine.Open(connectionString));
        Assert.Equal(1204, db.Write(s => s.Counters.Next("incidents-2026")));
        Assert.Single(db.Read(s => s.Duty.Shifts()));
        var next = new Incident { Number = "2026-1204" };
        db.Write(s => s.Table<Incident>(Tables.Incidents).Insert(next));
        Assert.Equal(1204, next.Id);
        Assert.Single(db.Read(s => s.Table<OutboxMessage>(Tables.Outbox).Where("DeliveredAt", null)));
    }

    [SkippableFact]
    public async Task Command_CopiesIntoTheConfiguredDatabase_AndRefusesToCopyTwiceWithoutForce()
    {
        var connectionString = database.Open();
        var file = Fill();
        var settings = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, System.Text.Json.JsonSerializer.Serialize(new
        {
            Storage = new { Provider = "postgres", ConnectionString = connectionString },
        }));

        var (code, output, errors) = await Migrate("--from", file, "--config", settings);
        Assert.True(code == 0, errors);
        Assert.Contains("incidents", output, StringComparison.Ordinal);
        Assert.Contains("1203", output, StringComparison.Ordinal);

        (code, _, errors) = await Migrate("--from", file, "--config", settings);
        Assert.Equal(1, code);
        Assert.Contains("--force", errors, StringComparison.Ordinal);

        (code, _, errors) = await Migrate("--from", file, "--config", settings, "--force");
        Assert.True(code == 0, errors);
        using var target = PostgresEngine.Open(connectionString);
        using var read = target.Begin(write: false);
        Assert.Equal(1203, read.Table<BsonDocument>(Tables.Incidents).Count());

        (code, _, errors) = await Migrate("--from", Path.Combine(_folder, "missing.db"), "--config", settings);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", errors, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Errors)> Migrate(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await MigrateCommand.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>A LiteDB file written through the stores: incidents (more than a page), outbox, counters, duty, files.</summary>
    private string Fill()
    {
        var file = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db");
        using var db = new OpinionDatabase(file);
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));
        db.Write(s =>
        {
            var incidents = s.Table<Incident>(Tables.Incidents);
            for (var i = 1; i <= 1203; i++)
            {
                var number = s.Counters.Next("incidents-2026");
                incidents.Insert(new Incident
                {
                    Number = $"2026-{number:0000}",
                    Title = i % 2 == 0 ? $"标题 {i} ✅" : $"title {i} with nul\0",
                    Discovered = at.AddMinutes(i),
                    Status = i % 3 == 0 ? IncidentStatus.Closed : IncidentStatus.New,
                    Grade = Grade.Major,
                    Topics = ["a", "b"],
                    NegativeScore = i / 7.0,
                    AssigneeId = i % 5 == 0 ? i : null,
                });
            }

            var outbox = s.Table<OutboxMessage>(Tables.Outbox);
            outbox.Insert(new OutboxMessage { ChatId = -100123, Text = "<b>card</b>", IncidentId = 1, CreatedAt = at, NextAttemptAt = at });
            outbox.Insert(new OutboxMessage { ChatId = 42, Kind = OutboxKind.EditMessage, MessageId = 7, CreatedAt = at, DeliveredAt = at.AddSeconds(1) });
            s.Duty.AddShift(new DutyShift { UserId = 1, Start = at, End = at.AddHours(8) });
            s.Duty.SaveRotation(new DutyRotation { People = [1, 2], Anchor = at });
            s.Counters.Set("update-id", 123456789012);
            s.Files.Upload("evidence/1/shot.png", "shot.png", new byte[] { 0x89, 0x50, 0, 1 }, new Dictionary<string, string> { ["incident"] = "2026-0001" });
            s.Files.Upload("documents/1.docx", "通报.docx", new byte[5000]);
        });
        return file;
    }

    private static List<string> Canonical(IEnumerable<BsonDocument> documents) => documents.Select(d => JsonDocuments.ToJson(Sorted(d))).ToList();

    private static BsonValue Sorted(BsonValue value) => value switch
    {
        BsonDocument document => new BsonDocument(document.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Sorted(p.Value))),
        BsonArray array => new BsonArray(array.Select(Sorted)),
        _ => value,
    };

    private sealed class StoredFileComparer : IEqualityComparer<StoredFile>
    {
        public bool Equals(StoredFile? x, StoredFile? y) =>
            x is not null && y is not null && x.Id == y.Id && x.FileName == y.FileName &&
            x.Metadata.OrderBy(p => p.Key).SequenceEqual(y.Metadata.OrderBy(p => p.Key));

        public int GetHashCode(StoredFile obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
