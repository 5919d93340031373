using FsCheck.Xunit;

// Every property draws the same cases on every run: a suite that passes once passes again, and a random draw cannot
// make CI slow or red by luck (one draw of a solver property ran a test host at full CPU for over 7 minutes in a suite
// that takes 3). To explore new cases, change the seed here and run the suite; a failure prints its own Replay.
[assembly: Properties(Replay = "(1145141919,8101040519)")]
