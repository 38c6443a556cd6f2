namespace Platform.Tests.Streaming;

public interface IRecorderGrain : IGrainWithStringKey;
