using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class FetchMemoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fetch-memory-").FullName;

    [Fact]
    public async Task GetValidators_DuringAnotherThreadsWrite_WaitsForItsCommit()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "m.db"));
        var memory = new StoredFetchMemory(db);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var writer = Task.Run(() => db.Write(s =>
        {
            s.FetchValidators.Save("https://a.example.invalid/", new FetchValidators("\"v2\"", null));
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(5));
        }));
        inside.Wait(TimeSpan.FromSeconds(5));

        var read = Task.Run(() => memory.GetValidators("https://a.example.invalid/"));
        var finishedEarly = await Task.WhenAny(read, Task.Delay(200)) == read;
        release.Set();
        await writer;

        Assert.False(finishedEarly);
        Assert.Equal("\"v2\"", (await read)?.ETag);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
