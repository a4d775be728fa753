using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using OpinionBot.Storage;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>Backups of a running bot: consistent while intake writes, verified, pruned, and restorable.</summary>
public sealed class BackupTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "opinionbot-backups", Guid.NewGuid().ToString("N"));
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.CreateAsync();
        _bot.Settings["Storage:BackupFolder"] = _folder;
        // Backups copy the LiteDB file: these tests stay on LiteDB whatever OPINIONBOT_TEST_PROVIDER says.
        _bot.Settings["Storage:Provider"] = "litedb";
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task BackupWhileIntakeRuns_ThenRestore_LosesNothingUpToTheBackup()
    {
        var published = 0;
        void Publish(int count)
        {
            var items = Enumerable.Range(1, published += count)
                .Select(i => ($"{Gibberish(i)}医院投诉", _bot.Site.Url($"/n/{i}"), DateTimeOffset.UtcNow, Gibberish(-i)))
                .ToArray();
            _bot.Site.Set("/feed.xml", TestFeeds.Rss(items));
        }

        Publish(3);
        await _bot.StartAsync();
        var backup = _bot.Services.GetRequiredService<DatabaseBackup>();
        BackupResult? last = null;
        HashSet<string> before = [];
        var target = 1;
        for (var round = 0; round < 3; round++)
        {
            // New items keep arriving, so the scheduler's checks write while the copy is taken. The next target is taken
            // before the items that will meet it are published: taken after the start, it raced the first check (all
            // three incidents already in, it waited for a fourth that only the next Publish brings).
            await _bot.Api.WaitUntilAsync(() => Incidents().Count >= target, Patience);
            target = Incidents().Count + 1;
            Publish(4);
            before = Incidents();
            last = await backup.RunAsync(CancellationToken.None);
            Assert.Subset(ReadNumbers(last.File), before);
        }

        var copy = last!.File;
        Assert.Equal(3, backup.List().Count);
        await _bot.Api.WaitUntilAsync(() => Incidents().Count > before.Count, Patience); // the live file moved on
        await _bot.StopAsync();

        // Restore as the README says: with the bot stopped, the backup replaces the file and its log.
        File.Delete(Path.ChangeExtension(_bot.DatabasePath, null) + "-log.db");
        File.Copy(copy, _bot.DatabasePath, overwrite: true);
        var restored = ReadNumbers(_bot.DatabasePath);
        Assert.Subset(restored, before);

        await _bot.StartAsync();
        Assert.Subset(Incidents(), before);
    }

    [Fact]
    public async Task SupervisorBackupCommand_WritesAVerifiedCopy_KeepsTheLastN_AndOfficersMayNot()
    {
        _bot.Settings["Storage:BackupKeep"] = "2";
        await _bot.StartAsync();

        for (var i = 1; i <= 3; i++)
        {
            _bot.Api.InjectMessage(BotHarness.TeamChat, BotHarness.Supervisor, "/backup");
            var done = i;
            await _bot.Api.WaitUntilAsync(() => _bot.Api.Messages(BotHarness.TeamChat).Count(m => m.Text!.Contains("备份完成")) == done, Patience);
        }

        var files = Directory.GetFiles(_folder, "*.db");
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.True(DatabaseBackup.Verify(f).Documents > 0));
        Assert.Empty(Directory.GetFiles(_folder, "*.partial"));

        _bot.Api.InjectMessage(BotHarness.TeamChat, BotHarness.Officer, "/backup");
        await _bot.Api.WaitUntilAsync(() => _bot.Api.Messages(BotHarness.TeamChat).Any(m => m.Text!.Contains("只有分管领导")), Patience);
        Assert.Equal(2, Directory.GetFiles(_folder, "*.db").Length);
    }

    [Fact]
    public async Task BackupEvery_BacksUpOnItsOwn()
    {
        _bot.Settings["Storage:BackupEvery"] = "00:00:01";
        _bot.Settings["Storage:BackupKeep"] = "3";
        await _bot.StartAsync();

        await _bot.Api.WaitUntilAsync(() => Directory.Exists(_folder) && Directory.GetFiles(_folder, "*.db").Length == 3, Patience);
        var newest = _bot.Services.GetRequiredService<DatabaseBackup>().List()[0];
        Assert.True(DatabaseBackup.Verify(newest).Documents > 0);
    }

    /// <summary>Distinct Chinese text per seed, so every item is a story of its own rather than one story repeated.</summary>
    private static string Gibberish(int seed)
    {
        var random = new Random(seed);
        return new string(Enumerable.Range(0, 16).Select(_ => (char)random.Next(0x4E00, 0x9FA5)).ToArray());
    }

    private HashSet<string> Incidents() =>
        _bot.Database.AllIncidents().Select(i => i.Number).ToHashSet();

    private static HashSet<string> ReadNumbers(string file)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = file, ReadOnly = true, Connection = ConnectionType.Direct });
        return db.GetCollection("incidents").FindAll().Select(d => d["Number"].AsString).ToHashSet();
    }
}
