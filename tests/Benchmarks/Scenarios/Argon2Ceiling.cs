using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Benchmarks.Scenarios;

/// <summary>The login ceiling: Argon2id at the platform's parameters, one hash after another on every core.</summary>
public static class Argon2Ceiling
{
    public static double Measure(TimeSpan duration)
    {
        // The first hashes run unoptimised code; the platform's hashing is warm by the time logins are measured.
        Hashes(TimeSpan.FromSeconds(1));
        return Hashes(duration);
    }

    private static double Hashes(TimeSpan duration)
    {
        var password = Encoding.UTF8.GetBytes("bench-password-1");
        var salt = RandomNumberGenerator.GetBytes(16);
        long hashes = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
        {
            while (clock.Elapsed < duration)
            {
                using var argon = new Argon2id(password) { Salt = salt, MemorySize = 19456, Iterations = 2, DegreeOfParallelism = 1 };
                argon.GetBytes(32);
                Interlocked.Increment(ref hashes);
            }
        });
        return hashes / clock.Elapsed.TotalSeconds;
    }
}
