using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpinionBot.Chat;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Chat;

/// <summary>
/// The options cache builds a value under a <see cref="Lazy{T}"/>: a thread building the chats options must never wait
/// for the database lock, or a thread that holds the lock (a migration being followed, the outbox sender) and reads the
/// same options waits for it forever.
/// </summary>
public sealed class MigrationOptionsLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("migration-options-").FullName;

    [Fact]
    public async Task ChatsOptions_BuiltOnAnotherThread_WhileAWriteReadsThem_DoNotDeadlock()
    {
        using var db = TestDatabases.Open(Path.Combine(_folder, "m.db"));
        db.Write(s => s.Chats.RecordMove(new ChatMove { Id = -100, NewId = -200, At = DateTimeOffset.UnixEpoch }));
        using var readerStarted = new ManualResetEventSlim();
        using var building = new ManualResetEventSlim();
        var services = new ServiceCollection();
        services.AddSingleton(db);
        services.AddOptions<ChatsOptions>().Configure(options =>
        {
            options.Team = -1;
            options.Supervisors = -100;
            if (readerStarted.IsSet)
            {
                building.Set();
            }
        });
        services.AddSingleton<ChatMoves>();
        services.AddSingleton<IPostConfigureOptions<ChatsOptions>>(sp => sp.GetRequiredService<ChatMoves>());
        await using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ChatsOptions>>();
        var cache = provider.GetRequiredService<IOptionsMonitorCache<ChatsOptions>>();

        // The writer clears the cache (as a migration does), lets the reader start building, then reads the options
        // itself while it still holds the database lock.
        var writer = Task.Run(() => db.Write(_ =>
        {
            cache.Clear();
            readerStarted.Set();
            building.Wait();
            return monitor.CurrentValue.Supervisors;
        }));
        var reader = Task.Run(() =>
        {
            readerStarted.Wait();
            return monitor.CurrentValue.Supervisors;
        });

        var both = await Task.WhenAll(writer, reader).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([-200L, -200L], both);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
