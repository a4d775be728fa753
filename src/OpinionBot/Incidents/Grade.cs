namespace OpinionBot.Incidents;

/// <summary>一般 / 较大 / 重大. The order matters: a higher value is more serious.</summary>
public enum Grade
{
    General = 0,
    Larger = 1,
    Major = 2,
}
