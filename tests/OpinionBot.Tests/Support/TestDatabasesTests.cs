using OpinionBot.Tests.Chat;
using OpinionBot.Tests.Commands;
using OpinionBot.Tests.EndToEnd;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>The switch reaches the test beds: each opens the provider <c>OPINIONBOT_TEST_PROVIDER</c> names.</summary>
public sealed class TestDatabasesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("test-databases-").FullName;

    [Fact]
    public void TheSamePath_IsTheSameDatabase_OnTheChosenProvider()
    {
        var path = Path.Combine(_folder, "a.db");
        using (var db = TestDatabases.Open(path))
        {
            Assert.Equal(TestDatabases.Provider, db.Provider);
            db.Write(s => s.Counters.Set("kept", 7));
        }

        using var again = TestDatabases.Open(path);
        Assert.Equal(7, again.Read(s => s.Counters.Get("kept")));
        using var other = TestDatabases.Open(Path.Combine(_folder, "b.db"));
        Assert.Equal(0, other.Read(s => s.Counters.Get("kept")));
    }

    [Fact]
    public async Task TheTestBeds_OpenTheChosenProvider()
    {
        using (var bed = new ServiceTestBed())
        {
            Assert.Equal(TestDatabases.Provider, bed.Database.Provider);
        }

        await using (var delivery = await DeliveryTestBed.StartAsync())
        {
            Assert.Equal(TestDatabases.Provider, delivery.Database.Provider);
        }

        await using var bot = await BotHarness.CreateAsync();
        await bot.StartAsync();
        Assert.Equal(TestDatabases.Provider, bot.Database.Provider);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
