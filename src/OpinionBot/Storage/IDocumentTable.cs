namespace OpinionBot.Storage;

/// <summary>
/// One kind of document inside an open transaction: the whole of what a storage provider implements, so the feature
/// stores in <c>Storage/Stores</c> are written once for LiteDB and PostgreSQL alike. Fields are property names; the id
/// is <c>_id</c>. Queries may only name the fields a table declares in <see cref="Tables"/> (they are indexed).
/// </summary>
public interface IDocumentTable<T>
    where T : class
{
    T? Get(object id);

    /// <summary>
    /// Those of <paramref name="ids"/> that a stored document has as its id, compared as <see cref="Get"/> compares them
    /// (string ids ignoring case): one query for a whole list instead of a lookup each.
    /// </summary>
    IReadOnlySet<string> StoredIds(IReadOnlyCollection<string> ids);

    /// <summary>Adds a new document; a zero numeric id is given the next number.</summary>
    void Insert(T document);

    void Upsert(T document);

    /// <summary>Replaces the stored document with this id; false when there is none.</summary>
    bool Update(T document);

    bool Delete(object id);

    IReadOnlyList<T> All();

    /// <summary>Documents whose <paramref name="field"/> equals <paramref name="value"/> (null: the field is absent or null).</summary>
    IReadOnlyList<T> Where(string field, object? value);

    /// <summary>
    /// Documents with <paramref name="from"/> &lt;= field &lt; <paramref name="until"/> (either end may be open), ordered by
    /// the field, at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<T> Range(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false);

    /// <summary>
    /// <see cref="Where(string, object?)"/>, reading only the fields <typeparamref name="TPart"/> has (its properties named
    /// as the document's fields, its <c>Id</c> the document's id): to hold or go through many documents without their
    /// whole content.
    /// </summary>
    IReadOnlyList<TPart> Where<TPart>(string field, object? value)
        where TPart : class;

    /// <summary><see cref="Range(string, object?, object?, int, bool)"/>, reading only the fields <typeparamref name="TPart"/> has.</summary>
    IReadOnlyList<TPart> Range<TPart>(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false)
        where TPart : class;

    int Count();

    int Count(string field, object? value);
}
