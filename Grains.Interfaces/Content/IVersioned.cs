namespace Grains.Interfaces.Content;

/// <summary>A resource whose every change increments <see cref="Version"/>; HTTP shows it as the ETag.</summary>
public interface IVersioned
{
    int Version { get; }
}
