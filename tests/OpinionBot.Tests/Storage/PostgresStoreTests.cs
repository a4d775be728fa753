using OpinionBot.Storage;
using OpinionBot.Storage.Postgres;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>The store contract on PostgreSQL: one database of the test server for this class, emptied per test.</summary>
public sealed class PostgresStoreTests(PostgresDatabase database) : StoreContractTests, IClassFixture<PostgresDatabase>
{
    private string? _connectionString;

    protected override IStorageEngine CreateEngine() => PostgresEngine.Open(_connectionString = database.Open());

    protected override IStorageEngine? CreateSecondEngine() => PostgresEngine.Open(_connectionString!);
}
