using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Sources;
using OpinionBot.Storage;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Sources;

/// <summary>Find answers what searching All() would, for configured, changed, removed and chat-added sources.</summary>
public sealed class SourceCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("source-catalog-").FullName;
    private readonly OpinionDatabase _db;
    private readonly ChangingMonitor _settings = new(Settings("县新闻", "县论坛", "市日报"));
    private readonly SourceCatalog _catalog;

    public SourceCatalogTests()
    {
        _db = TestDatabases.Open(Path.Combine(_folder, "bot.db"));
        _catalog = new SourceCatalog(_db, _settings, TimeProvider.System);
    }

    [Fact]
    public void Find_AgreesWithAll_ForConfiguredChangedRemovedAndAddedSources_AndAfterASettingsReload()
    {
        _catalog.Save(new SourceDefinition { Name = "县论坛", Url = "http://127.0.0.1:1/changed" }, 601); // changed from the chat
        _catalog.Remove("市日报", 601);                                                                     // a configured one removed
        _catalog.Save(new SourceDefinition { Name = "贴吧", Url = "http://127.0.0.1:1/added" }, 601);       // added from the chat
        AgreesWithAll("县新闻", "县论坛", "市日报", "贴吧", "没有", "县新闻 ");

        Assert.Equal("http://127.0.0.1:1/changed", _catalog.Find("县论坛")!.Url);
        Assert.Null(_catalog.Find("市日报"));
        Assert.Equal("http://127.0.0.1:1/added", _catalog.Find("贴吧")!.Url);

        // Case-insensitive, and a copy: changing it changes nothing in force.
        _settings.Value = Settings("News", "Forum");
        var found = _catalog.Find("news")!;
        Assert.Equal("News", found.Name);
        found.Url = "http://127.0.0.1:1/edited";
        Assert.Equal("http://127.0.0.1:1/News", _catalog.Find("NEWS")!.Url);

        // The reloaded settings are the ones in force: 县新闻 is no longer configured, 县论坛 still stored.
        AgreesWithAll("News", "Forum", "县新闻", "县论坛", "贴吧");
        Assert.Null(_catalog.Find("县新闻"));
    }

    private void AgreesWithAll(params string[] names)
    {
        foreach (var name in names)
        {
            var expected = _catalog.All().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(expected?.Url, _catalog.Find(name)?.Url);
        }
    }

    private static MonitoringOptions Settings(params string[] names)
    {
        var options = new MonitoringOptions();
        options.Sources.AddRange(names.Select(n => new SourceDefinition { Name = n, Url = $"http://127.0.0.1:1/{n}" }));
        return options;
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class ChangingMonitor(MonitoringOptions value) : IOptionsMonitor<MonitoringOptions>
    {
        public MonitoringOptions Value { get; set; } = value;

        public MonitoringOptions CurrentValue => Value;

        public MonitoringOptions Get(string? name) => Value;

        public IDisposable? OnChange(Action<MonitoringOptions, string?> listener) => null;
    }
}
