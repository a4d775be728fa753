using OpinionBot.Storage;
using OpinionBot.Storage.LiteDb;

namespace OpinionBot.Tests.Storage;

/// <summary>The store contract on LiteDB: a new file per test in a temp folder.</summary>
public sealed class LiteDbStoreTests : StoreContractTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opinionbot-store-").FullName;

    protected override IStorageEngine CreateEngine() => new LiteEngine(Path.Combine(_folder, "test.db"));

    protected override IStorageEngine? CreateSecondEngine() => null;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Directory.Delete(_folder, recursive: true);
    }
}
