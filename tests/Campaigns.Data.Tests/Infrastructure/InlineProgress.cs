namespace Campaigns.Data.Tests.Infrastructure;

/// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, after the fact).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
