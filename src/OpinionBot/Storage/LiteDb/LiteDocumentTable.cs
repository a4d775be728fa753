using System.Collections.Concurrent;
using LiteDB;

namespace OpinionBot.Storage.LiteDb;

internal sealed class LiteDocumentTable<T>(ILiteCollection<T> collection, BsonMapper mapper, Collation collation, TableDefinition table, LiteTransaction transaction)
    : IDocumentTable<T>
    where T : class
{
    public T? Get(object id)
    {
        transaction.EnsureOpen();
        return collection.FindById(Value(id));
    }

    public IReadOnlySet<string> StoredIds(IReadOnlyCollection<string> ids)
    {
        transaction.EnsureOpen();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return stored;
        }

        // One query on the primary index (IN seeks each value), reading only the ids; what it finds equals an asked id
        // under the file's collation, which decides which of the asked ids (perhaps in other letter case) it answers.
        var values = new BsonArray(ids.Distinct(StringComparer.Ordinal).Select(id => new BsonValue(id)));
        var found = collection.Query().Where(BsonExpression.Create(IdIn, values)).Select(IdOnly).ToDocuments()
            .Select(d => d["_id"]).Where(id => id.IsString).Select(id => id.AsString).ToList();
        foreach (var id in ids)
        {
            if (found.Exists(f => collation.Compare(f, id) == 0))
            {
                stored.Add(id);
            }
        }

        return stored;
    }

    public void Insert(T document)
    {
        transaction.EnsureWritable();
        collection.Insert(document);
    }

    public void Upsert(T document)
    {
        transaction.EnsureWritable();
        collection.Upsert(document);
    }

    public bool Update(T document)
    {
        transaction.EnsureWritable();
        return collection.Update(document);
    }

    public bool Delete(object id)
    {
        transaction.EnsureWritable();
        return collection.Delete(Value(id));
    }

    public IReadOnlyList<T> All()
    {
        transaction.EnsureOpen();
        return collection.FindAll().ToList();
    }

    public IReadOnlyList<T> Where(string field, object? value)
    {
        transaction.EnsureOpen();
        return collection.Find(EqualTo(field, value)).ToList();
    }

    public IReadOnlyList<T> Range(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false)
    {
        transaction.EnsureOpen();
        return Ordered(field, from, until, descending).Limit(limit).ToList();
    }

    public IReadOnlyList<TPart> Where<TPart>(string field, object? value)
        where TPart : class
    {
        transaction.EnsureOpen();
        return Parts<TPart>(collection.Query().Where(EqualTo(field, value)).Select(Projection<TPart>()));
    }

    public IReadOnlyList<TPart> Range<TPart>(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false)
        where TPart : class
    {
        transaction.EnsureOpen();
        return Parts<TPart>(Ordered(field, from, until, descending).Select(Projection<TPart>()).Limit(limit));
    }

    private ILiteQueryable<T> Ordered(string field, object? from, object? until, bool descending)
    {
        var path = "$." + Indexed(field);
        var query = collection.Query();
        if (from is not null)
        {
            query = query.Where(BsonExpression.Create(path + " >= @0", Value(from)));
        }

        if (until is not null)
        {
            query = query.Where(BsonExpression.Create(path + " < @0", Value(until)));
        }

        return descending ? query.OrderByDescending(path) : query.OrderBy(path);
    }

    private List<TPart> Parts<TPart>(ILiteQueryableResult<BsonDocument> query)
        where TPart : class =>
        query.ToDocuments().Select(mapper.ToObject<TPart>).ToList();

    // One expression (one text, compiled once) per part type: "{ _id: $._id, ChatId: $.ChatId, ... }".
    private static readonly ConcurrentDictionary<Type, BsonExpression> Projections = new();

    private BsonExpression Projection<TPart>() => Projections.GetOrAdd(typeof(TPart), type =>
        BsonExpression.Create("{ " + string.Join(", ", Postgres.IdMembers.Fields(mapper, type).Select(f => $"{f}: $.{f}")) + " }"));

    public int Count()
    {
        transaction.EnsureOpen();
        return collection.Count();
    }

    public int Count(string field, object? value)
    {
        transaction.EnsureOpen();
        return collection.Count(EqualTo(field, value));
    }

    // LiteDB's Query.EQ writes the value into the expression's text ("Status = 3"), and LiteDB compiles every distinct
    // text into a delegate (a dynamic method and its machine code) that it caches for the life of the process: one per
    // incident, URL or chat ever looked up, never freed. A parameter keeps one text, and so one compiled delegate, per
    // field; the index is used the same way.
    private BsonExpression EqualTo(string field, object? value) => BsonExpression.Create("$." + Indexed(field) + " = @0", Value(value));

    private static readonly BsonExpression IdOnly = BsonExpression.Create("{ _id: $._id }");

    // The list is a parameter, not part of the text: LiteDB compiles each distinct expression text once (Query.In puts
    // the values in the text, and compiling a new expression for every check cost more than the lookups it saved).
    private const string IdIn = "_id IN @0";

    private string Indexed(string field) =>
        table.Indexed(field) ? field : throw new ArgumentException($"{table.Name}.{field} is not indexed; declare it in Tables.", nameof(field));

    private BsonValue Value(object? value) => value is null ? BsonValue.Null : mapper.Serialize(value.GetType(), value);
}
