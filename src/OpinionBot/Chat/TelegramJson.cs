using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Telegram.Bot;

namespace OpinionBot.Chat;

/// <summary>Telegram.Bot's JSON settings, as the Native AOT build needs them.</summary>
public static class TelegramJson
{
    /// <summary>
    /// Telegram.Bot reads and writes the Bot API through <see cref="JsonBotAPI.Options"/>, which has no contract resolver of
    /// its own and so falls back to reflection. A Native AOT binary has reflection data only for what it kept, so there
    /// the library's own generated contracts (<see cref="JsonBotSerializerContext"/>) come first, reflection only after
    /// them. The JIT build (dynamic code supported) is left exactly as it was. Call before anything talks to Telegram.
    /// </summary>
    public static void UseGeneratedContractsWithoutJit()
    {
        if (RuntimeFeature.IsDynamicCodeSupported || JsonBotAPI.Options.IsReadOnly)
        {
            return;
        }

        JsonBotAPI.Options.TypeInfoResolverChain.Add(JsonBotSerializerContext.Default);
#pragma warning disable IL2026, IL3050 // the fallback for a type the generated contracts lack, as before
        JsonBotAPI.Options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
#pragma warning restore IL2026, IL3050
    }
}
