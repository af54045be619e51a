import DocketIngest
import Foundation

// An extraction worker and nothing else (`IsolatedExtractor.beside`): the same loop as
// `docket extract-worker`, without the libraries of the rest of Docket to load at every start.
exit(ExtractionWorker.run())
