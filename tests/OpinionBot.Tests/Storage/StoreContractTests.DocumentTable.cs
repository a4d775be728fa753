using OpinionBot.Incidents;
using OpinionBot.Storage;
using Xunit;

namespace OpinionBot.Tests.Storage;

/// <summary>The document table contract (IDocumentTable) on every kind of value a feature stores.</summary>
public abstract partial class StoreContractTests
{
    // A test document in a table that exists on every provider (its own documents are never mixed with the probes).
    internal static readonly TableDefinition Probes =
        new("seen_items", typeof(Probe), ["Name", "When", "Small", "Note", "Ratio", "Level", "Maybe"], []);

    [SkippableFact]
    public void Insert_WithZeroId_GivesTheNextNumber_AndSetsItOnTheEntity()
    {
        var db = Open();
        var (a, b, c) = (new Probe { Name = "a" }, new Probe { Name = "b" }, new Probe { Id = 40, Name = "c" });
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            table.Insert(a);
            table.Insert(b);
            table.Insert(c);
        });
        var d = new Probe { Name = "d" };
        db.Write(s => s.Table<Probe>(Probes).Insert(d));

        Assert.Equal([1L, 2L, 40L, 41L], new[] { a, b, c, d }.Select(p => p.Id));
        Assert.Equal("b", db.Read(s => s.Table<Probe>(Probes).Get(2L))!.Name);
        Assert.Equal("b", db.Read(s => s.Table<Probe>(Probes).Get(2))!.Name); // an int finds a long id
        Assert.Null(db.Read(s => s.Table<Probe>(Probes).Get(3L)));
        Assert.Equal(["a", "b", "c", "d"], db.Read(s => s.Table<Probe>(Probes).All()).Select(p => p.Name));
    }

    [SkippableFact]
    public void WhereAndRange_OfAPart_ReadOnlyItsFields_AsTheWholeQueriesDo()
    {
        var db = Open();
        var when = new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            table.Insert(new Probe { Name = "a", Small = 2, Maybe = 5, When = when, Level = Grade.Major, Note = new string('长', 500) });
            table.Insert(new Probe { Name = "b", Small = 1 });
            table.Insert(new Probe { Name = "c", Small = 2, Tags = ["x"] });
        });

        var twos = db.Read(s => s.Table<Probe>(Probes).Where<ProbePart>("Small", 2)).OrderBy(p => p.Id).ToList();
        Assert.Equal(["1 a 5 Major " + when.UtcTicks, "3 c  General 0"], twos.Select(p => $"{p.Id} {p.Name} {p.Maybe} {p.Level} {p.When.UtcTicks}"));
        Assert.Equal(["b", "c"], db.Read(s => s.Table<Probe>(Probes).Where<ProbePart>("Maybe", null)).OrderBy(p => p.Id).Select(p => p.Name));
        Assert.Empty(db.Read(s => s.Table<Probe>(Probes).Where<ProbePart>("Small", 3)));
        Assert.Equal(["b", "c"], db.Read(s => s.Table<Probe>(Probes).Range<ProbePart>("_id", 2L, null)).Select(p => p.Name));
        Assert.Equal(["c"], db.Read(s => s.Table<Probe>(Probes).Range<ProbePart>("_id", null, null, limit: 1, descending: true)).Select(p => p.Name));
        Assert.Equal(["b"], db.Read(s => s.Table<Probe>(Probes).Range<ProbePart>("Small", 1, 2)).Select(p => p.Name));
    }

    [SkippableFact]
    public void Insert_AfterTheNewestIsDeleted_DoesNotReuseItsNumber()
    {
        // The sender reads the outbox by "queued after the last id it saw": a reused number would never be read.
        var db = Open();
        var (a, b, c) = (new Probe { Name = "a" }, new Probe { Name = "b" }, new Probe { Name = "c" });
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            table.Insert(a);
            table.Insert(b);
            table.Insert(c);
        });
        db.Write(s =>
        {
            s.Table<Probe>(Probes).Delete(c.Id);
            s.Table<Probe>(Probes).Delete(b.Id);
        });
        var d = new Probe { Name = "d" };
        db.Write(s => s.Table<Probe>(Probes).Insert(d));

        Assert.Equal(4L, d.Id);
    }

    [SkippableFact]
    public void Insert_DuplicateId_Throws_AndTheTransactionGoesOn()
    {
        var db = Open();
        db.Write(s => s.Table<Probe>(Probes).Insert(new Probe { Id = 5, Name = "first" }));
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            Assert.ThrowsAny<Exception>(() => table.Insert(new Probe { Id = 5, Name = "second" }));
            table.Insert(new Probe { Id = 6, Name = "third" });
        });
        Assert.Equal(["first", "third"], db.Read(s => s.Table<Probe>(Probes).All()).Select(p => p.Name));
    }

    [SkippableFact]
    public void TextIds_AreTheSameDocumentWhateverTheirCase_OnEveryProvider()
    {
        var db = Open();
        db.Write(s => s.Counters.Set("Incident-Number-2026", 7));
        db.Write(s => s.Counters.Set("incident-number-2026", 8));

        Assert.Equal(8, db.Read(s => s.Counters.Get("INCIDENT-NUMBER-2026")));
        Assert.Equal(1, db.Read(s => s.Table<Counter>(Tables.Counters).Count()));
    }

    [SkippableFact]
    public void UniqueIndex_RefusesASecondDocumentWithTheSameValue()
    {
        var db = Open();
        db.Write(s => s.Table<Incident>(Tables.Incidents).Insert(new Incident { Number = "2026-0001", Title = "a" }));
        Assert.ThrowsAny<Exception>(() => db.Write(s => s.Table<Incident>(Tables.Incidents).Insert(new Incident { Number = "2026-0001", Title = "b" })));
        var stored = db.Read(s => s.Table<Incident>(Tables.Incidents).Where("Number", "2026-0001"));
        Assert.Equal("a", Assert.Single(stored).Title);
    }

    [SkippableFact]
    public void UpsertUpdateDelete_ReplaceAndRemoveByIdAndSayWhetherTheyFoundIt()
    {
        var db = Open();
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            table.Upsert(new Probe { Id = 7, Name = "new" });
            table.Upsert(new Probe { Id = 7, Name = "replaced" });
            Assert.True(table.Update(new Probe { Id = 7, Name = "updated" }));
            Assert.False(table.Update(new Probe { Id = 8, Name = "nobody" }));
        });
        Assert.Equal("updated", db.Read(s => s.Table<Probe>(Probes).Get(7L))!.Name);
        Assert.Equal(1, db.Read(s => s.Table<Probe>(Probes).Count()));
        Assert.True(db.Write(s => s.Table<Probe>(Probes).Delete(7L)));
        Assert.False(db.Write(s => s.Table<Probe>(Probes).Delete(7L)));
        Assert.Equal(0, db.Read(s => s.Table<Probe>(Probes).Count()));

        var zero = new Probe { Name = "upserted with no id" };
        db.Write(s => s.Table<Probe>(Probes).Upsert(zero));
        Assert.NotEqual(0, zero.Id);
    }

    [SkippableFact]
    public void EveryKindOfValue_ReadsBackExactly()
    {
        var db = Open();
        var probe = Probe.Full();
        db.Write(s => s.Table<Probe>(Probes).Insert(probe));
        var back = db.Read(s => s.Table<Probe>(Probes).Get(probe.Id))!;
        Assert.Equivalent(probe, back, strict: true);
        Assert.Equal(probe.When, back.When);
        Assert.Equal(probe.When.Ticks, back.When.Ticks);
        Assert.True(double.IsNegative(back.NegativeZero));
        Assert.True(double.IsNaN(back.NotANumber));
        Assert.Equal(double.PositiveInfinity, back.Infinite);

        var empty = new Probe { Name = "" };
        db.Write(s => s.Table<Probe>(Probes).Insert(empty));
        var emptyBack = db.Read(s => s.Table<Probe>(Probes).Get(empty.Id))!;
        Assert.Equal("", emptyBack.Name);
        Assert.Null(emptyBack.Note);
        Assert.Null(emptyBack.Maybe);
        Assert.Null(emptyBack.Inner);
    }

    [SkippableTheory]
    [MemberData(nameof(Strings))]
    public void Strings_AreFoundByEquality(string text)
    {
        var db = Open();
        db.Write(s =>
        {
            s.Table<Probe>(Probes).Insert(new Probe { Name = text });
            s.Table<Probe>(Probes).Insert(new Probe { Name = text + "x" });
        });
        var found = Assert.Single(db.Read(s => s.Table<Probe>(Probes).Where("Name", text)));
        Assert.Equal(text, found.Name);
    }

    public static TheoryData<string> Strings => ["", " padded ", "中文 ✅ 𝄞 Ünïcødé", "nul\0inside", "quote ' \" \\ \n\t", "{\"$type\":\"max\"}"];

    [SkippableFact]
    public void Where_MatchesValuesOfEveryKind_AndNullMeansAbsent()
    {
        var db = Open();
        var at = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            table.Insert(new Probe { Name = "a", When = at, Level = Grade.Major, Small = 3, Ratio = 0.5, Note = "x" });
            table.Insert(new Probe { Name = "b", When = at.AddTicks(1), Level = Grade.General, Small = 3, Ratio = 1, Maybe = 0 });
            table.Insert(new Probe { Name = "c", When = at, Level = Grade.Major, Small = 4, Ratio = 1.0 });
        });
        string[] Names(string field, object? value) => db.Read(s => s.Table<Probe>(Probes).Where(field, value)).Select(p => p.Name).ToArray();

        Assert.Equal(["a", "c"], Names("When", at));
        Assert.Equal(["a", "c"], Names("When", at.ToUniversalTime()));
        Assert.Equal(["a", "c"], Names("Level", Grade.Major));
        Assert.Equal(["a", "b"], Names("Small", 3));
        Assert.Equal(["a", "b"], Names("Small", 3L));
        Assert.Equal(["b", "c"], Names("Ratio", 1.0));
        Assert.Equal(["b", "c"], Names("Note", null));
        Assert.Equal(["a", "c"], Names("Maybe", null));
        Assert.Equal(["b"], Names("Maybe", 0));
        Assert.Empty(Names("Name", "z"));
        Assert.Equal(2, db.Read(s => s.Table<Probe>(Probes).Count("Level", Grade.Major)));
        Assert.Equal(2, db.Read(s => s.Table<Probe>(Probes).Count("Note", null)));
        Assert.Equal(3, db.Read(s => s.Table<Probe>(Probes).Count()));
        Assert.Throws<ArgumentException>(() => db.Read(s => s.Table<Probe>(Probes).Where("Inner", null)));
    }

    [SkippableFact]
    public void Range_IsHalfOpen_Ordered_Limited_AndDescending()
    {
        var db = Open();
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            foreach (var day in new[] { 5, 1, 3, 2, 4 })
            {
                table.Insert(new Probe { Name = "d" + day, When = start.AddDays(day), Small = day * 100, Ratio = day / 2.0 });
            }
        });
        string[] Names(string field, object? from, object? until, int limit = int.MaxValue, bool descending = false) =>
            db.Read(s => s.Table<Probe>(Probes).Range(field, from, until, limit, descending)).Select(p => p.Name).ToArray();

        Assert.Equal(["d2", "d3", "d4"], Names("When", start.AddDays(2), start.AddDays(5)));
        Assert.Equal(["d1", "d2"], Names("When", null, start.AddDays(3)));
        Assert.Equal(["d4", "d5"], Names("When", start.AddDays(4), null));
        Assert.Equal(["d1", "d2", "d3", "d4", "d5"], Names("When", null, null));
        Assert.Equal(["d5", "d4"], Names("When", null, null, limit: 2, descending: true));
        Assert.Equal(["d3", "d2"], Names("When", start.AddDays(2), start.AddDays(4), limit: 5, descending: true));
        Assert.Equal(["d1"], Names("When", null, null, limit: 1));
        // Numbers order as numbers (900 > 1000 as text), ints and doubles alike.
        Assert.Equal(["d2", "d3", "d4", "d5"], Names("Small", 150, 1000));
        Assert.Equal(["d3", "d4"], Names("Ratio", 1.5, 2.5));
        Assert.Equal(["d3", "d4", "d5"], Names("Ratio", 1.2, 3));
    }

    [SkippableFact]
    public void Range_WithNoLowerEnd_IncludesAbsentFieldsFirst()
    {
        var db = Open();
        db.Write(s =>
        {
            var table = s.Table<Probe>(Probes);
            table.Insert(new Probe { Name = "two", Maybe = 2 });
            table.Insert(new Probe { Name = "none" });
            table.Insert(new Probe { Name = "one", Maybe = 1 });
        });
        string[] Names(object? from, object? until, bool descending = false) =>
            db.Read(s => s.Table<Probe>(Probes).Range("Maybe", from, until, descending: descending)).Select(p => p.Name).ToArray();

        Assert.Equal(["none", "one"], Names(null, 2));
        Assert.Equal(["one", "two"], Names(1, 5));
        Assert.Equal(["none", "one", "two"], Names(null, null));
        Assert.Equal(["two", "one", "none"], Names(null, null, descending: true));
    }
}

/// <summary>Every kind of value the features store: numbers, times as ticks, enums as names, nullables, lists, nesting.</summary>
internal sealed class Probe
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Note { get; set; }
    public int Small { get; set; }
    public long Large { get; set; }
    public double Ratio { get; set; }
    public double NegativeZero { get; set; }
    public double NotANumber { get; set; }
    public double Infinite { get; set; }
    public double Huge { get; set; }
    public decimal Money { get; set; }
    public DateTimeOffset When { get; set; }
    public DateTimeOffset? Maybe2 { get; set; }
    public TimeSpan Every { get; set; }
    public Dictionary<string, long> Totals { get; set; } = [];
    public Grade Level { get; set; }
    public int? Maybe { get; set; }
    public bool Flag { get; set; }
    public Guid Key { get; set; }
    public byte[] Blob { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public List<long> Numbers { get; set; } = [];
    public Dictionary<string, int> Map { get; set; } = [];
    public ProbeInner? Inner { get; set; }
    public List<ProbeInner> Children { get; set; } = [];

    public static Probe Full() => new()
    {
        Name = "中文 ✅ 𝄞 nul\0inside",
        Note = "note",
        Small = int.MinValue,
        Large = long.MaxValue,
        Ratio = 0.1,
        NegativeZero = -0.0,
        NotANumber = double.NaN,
        Infinite = double.PositiveInfinity,
        Huge = 1e300,
        Money = 12345.678901234567890123456789m,
        When = new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero).AddTicks(1234567),
        Maybe2 = DateTimeOffset.MaxValue,
        Every = TimeSpan.FromSeconds(1),
        Totals = new() { ["small"] = 3, ["large"] = long.MinValue },
        Level = Grade.Major,
        Maybe = 0,
        Flag = true,
        Key = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Blob = [0, 1, 2, 0xff],
        Tags = ["a", "", "中"],
        Numbers = [1, int.MaxValue + 1L, -5],
        Map = new() { ["one"] = 1, ["$type"] = 2 },
        Inner = new ProbeInner { Text = "inner", Number = 2.0, When = DateTimeOffset.UnixEpoch },
        Children = [new ProbeInner { Text = "child", Number = 1e20 }],
    };
}

/// <summary>A few of a probe's fields, read without the rest.</summary>
internal sealed class ProbePart
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public int? Maybe { get; set; }
    public DateTimeOffset When { get; set; }
    public Grade Level { get; set; }
}

internal sealed class ProbeInner
{
    public string Text { get; set; } = "";
    public double Number { get; set; }
    public DateTimeOffset? When { get; set; }
}
