global using Grains.Interfaces;
global using Orleans;
global using Orleans.Runtime;
