namespace Platform.Tests.Infrastructure;

/// <summary>
/// Traits that let a run pick tests: <c>tests/run.sh --filter "Category!=Slow"</c> leaves out the ones that start
/// processes, kill them, run load or wait out outages (a few minutes of the full run). The full run stays the default.
/// </summary>
public static class TestCategories
{
    public const string Name = "Category";
    public const string Slow = "Slow";
}
