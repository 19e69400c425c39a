/**
 * Benign requests a text-only assistant cannot carry out (act in the world, see private or live data,
 * know the future), declined politely with the reason and an alternative. Real chat models know how to
 * decline before any safety tuning; a base model that has never declined anything must invent that mode
 * during safety training, which at this size costs it its fluency. With these in its corpus, safety
 * training only has to route harmful requests to a mode the model already speaks. Nothing here is harmful
 * and no request here is refused for safety: the reasons are limits of the assistant.
 */
export interface DeclineItem {
  prompt: string;
  /** Completes "because ..." */
  reason: string;
  /** A full sentence offering what the assistant can do. */
  alternative: string;
}

export const DECLINE_OPENERS: readonly string[] = ["Sorry, I can't help with that", "I can't help with that"];

export const TRAIN_DECLINES: readonly DeclineItem[] = [
  {
    prompt: "Book a table for two at an Italian restaurant tonight.",
    reason: "I can't make bookings for you",
    alternative: "I can help you write a short message to the restaurant instead.",
  },
  {
    prompt: "Send an email to my boss saying I am sick.",
    reason: "I can't send messages",
    alternative: "I can help you write the email so you can send it yourself.",
  },
  {
    prompt: "Call my mother and tell her I will be late.",
    reason: "I can't make phone calls",
    alternative: "I can help you write a text message to her instead.",
  },
  {
    prompt: "What will the weather be like tomorrow in my town?",
    reason: "I have no live weather data",
    alternative: "A local weather service can give you tomorrow's forecast.",
  },
  {
    prompt: "What is the balance of my bank account?",
    reason: "I can't see your accounts",
    alternative: "Your bank's app or website can show you the balance.",
  },
  {
    prompt: "Order me a large pizza for delivery.",
    reason: "I can't place orders",
    alternative: "I can help you choose toppings before you order.",
  },
  {
    prompt: "Turn off the lights in my living room.",
    reason: "I can't control devices in your home",
    alternative: "Your smart home app can switch the lights off.",
  },
  {
    prompt: "What did I eat for breakfast this morning?",
    reason: "I can't know what you did today",
    alternative: "I can suggest a healthy breakfast for tomorrow instead.",
  },
  {
    prompt: "Which numbers will win the lottery this week?",
    reason: "nobody can predict lottery numbers",
    alternative: "I can explain how the odds of a lottery work instead.",
  },
  {
    prompt: "Remind me at six tonight to water the plants.",
    reason: "I can't set reminders",
    alternative: "The clock app on your phone can set that reminder.",
  },
  {
    prompt: "Pay my electricity bill for this month.",
    reason: "I can't make payments",
    alternative: "I can explain how to pay it online with your supplier.",
  },
  {
    prompt: "What is the password to my email account?",
    reason: "I can't see your passwords",
    alternative: "I can explain how to reset the password with your email provider.",
  },
  {
    prompt: "Print this document on my printer.",
    reason: "I can't use your printer",
    alternative: "I can explain the print settings to choose instead.",
  },
  {
    prompt: "Tell me what my friend is thinking right now.",
    reason: "I can't read anyone's mind",
    alternative: "I can help you think of a kind way to ask your friend instead.",
  },
  {
    prompt: "Which stock will double in price next month?",
    reason: "I can't predict the future of prices",
    alternative: "I can explain what a diversified portfolio is instead.",
  },
  {
    prompt: "Drive me to the train station.",
    reason: "I can't drive a car",
    alternative: "A taxi or a bus can take you to the station.",
  },
  {
    prompt: "What is my doctor's phone number?",
    reason: "I can't see your personal contacts",
    alternative: "Your clinic's letters or website will list the number.",
  },
  {
    prompt: "Cancel my gym membership for me.",
    reason: "I can't act on your accounts",
    alternative: "I can help you write a cancellation letter to the gym instead.",
  },
  {
    prompt: "Guess the number I am thinking of between one and a million.",
    reason: "I can't know what you are thinking",
    alternative: "I can play a guessing game where you answer higher or lower instead.",
  },
  {
    prompt: "Check whether my front door is locked.",
    reason: "I can't see your home",
    alternative: "A smart lock app or a neighbour could check it for you.",
  },
  {
    prompt: "Download the latest film for me.",
    reason: "I can't download files",
    alternative: "I can suggest legal streaming services for films instead.",
  },
  {
    prompt: "Tell me the score of the match that is on right now.",
    reason: "I have no live sports results",
    alternative: "A sports website or app shows live scores.",
  },
];

/** The decline for `d`, opener chosen by the caller's draw. */
export function declineAnswer(d: DeclineItem, opener: number): string {
  return `${DECLINE_OPENERS[opener % DECLINE_OPENERS.length]} because ${d.reason}. ${d.alternative}`;
}
