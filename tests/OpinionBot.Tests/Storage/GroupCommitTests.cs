using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>
/// LiteDB's group commit: writers committing together share disk flushes, every write lands, and a clean close leaves
/// one file as before.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("group-commit-").FullName;

    [Fact]
    public void ConcurrentWriters_AllLand_InNoMoreFlushesThanCommits()
    {
        var path = Path.Combine(_folder, "many.db");
        using (var db = new OpinionDatabase(path))
        {
            var commits = db.Commits;
            Parallel.For(0, 8, writer =>
            {
                for (var i = 1; i <= 25; i++)
                {
                    db.Write(s => s.Counters.Set($"writer-{writer}", i));
                }
            });

            Assert.Equal(commits + 200, db.Commits);
            Assert.InRange(db.Flushes, 1, db.Commits);
        }

        Assert.False(File.Exists(Path.Combine(_folder, "many-log.db"))); // checkpointed and removed on a clean close
        using var reopened = new OpinionDatabase(path);
        Assert.All(Enumerable.Range(0, 8), writer => Assert.Equal(25, reopened.Read(s => s.Counters.Get($"writer-{writer}"))));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
