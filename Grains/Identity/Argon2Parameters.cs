namespace Grains.Identity;

/// <summary>Argon2id cost parameters: memory in KiB, passes, lanes.</summary>
public readonly record struct Argon2Parameters(int MemoryKib, int Iterations, int Parallelism)
{
    /// <summary>
    /// What new hashes use: OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane). Raising these makes every
    /// older hash be replaced at its user's next successful login.
    /// </summary>
    public static Argon2Parameters Current { get; } = new(19 * 1024, 2, 1);

    public bool IsWeakerThan(Argon2Parameters other) =>
        MemoryKib < other.MemoryKib || Iterations < other.Iterations || Parallelism < other.Parallelism;
}
