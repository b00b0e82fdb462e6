/** Why one download (or the listing) failed, in words for the pull report; never carries a token. */
export class PullFailure extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PullFailure";
  }
}
