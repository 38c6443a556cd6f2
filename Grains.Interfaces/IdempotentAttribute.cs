namespace Grains.Interfaces;

/// <summary>
/// Marks a grain method that gives the same outcome when called again with the same arguments, so a
/// client may repeat it when the first attempt failed because a silo died (reads need only
/// <see cref="Orleans.Concurrency.ReadOnlyAttribute"/>). Never put it on a method whose repetition
/// counts, spends or creates something twice.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class IdempotentAttribute : Attribute;
