using Microsoft.Extensions.Options;

namespace OpinionBot.Tests.Support;

/// <summary>Settings that never change, for classes built by hand in tests.</summary>
internal sealed class FixedMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
